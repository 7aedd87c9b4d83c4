// The text kit of Bot.Skills (metric keys, numerals) as the tests use it.
global using Bot.Skills.Text;
