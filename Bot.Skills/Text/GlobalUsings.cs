// The text kit (numerals, dates, metric keys, gazetteer, word matcher) is used across the skills.
global using Bot.Skills.Text;
