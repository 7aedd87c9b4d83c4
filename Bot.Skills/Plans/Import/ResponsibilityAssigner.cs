using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Data.Units;

namespace Bot.Skills.Plans.Import;

/// <summary>
/// Stage 5 of the import: responsibilities. Reads responsibility lists, task fields (牵头单位：…, 配合单位：…, 责任领导：…,
/// 完成时限：…) and notes (〔X牵头，Y配合〕) into parties of an action, keeps every unit the plan names (as written, with
/// its aliases), and at the end assigns each action its leaders and units — lead first, each with its role (牵头,
/// 责任, 配合) — expanding the collectives 各乡镇 and 各街道 to the units of that type the plan names, and with a roster 各部门, 各乡镇 and 各街道 to the roster's units of that type too.
/// </summary>
internal sealed partial class ResponsibilityAssigner(ImportLog log, MilestoneReader milestones, IReadOnlyCollection<Unit>? roster)
{
    private readonly List<string> _namedUnits = [];
    private readonly HashSet<string> _namedUnitSet = new(StringComparer.Ordinal);

    // Canonical short form → the first written name of the unit, and the other written forms the plan uses for it
    // (a plan writing 区政府办 and later 区政府办公室 names one unit).
    private readonly Dictionary<string, string> _writtenByCanonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _otherForms = new(StringComparer.Ordinal);

    /// <summary>The units named so far, in order of first mention.</summary>
    public IReadOnlyList<string> NamedUnits => _namedUnits;

    /// <summary>A responsibility list (under 责任人及责任部门); false when a name in it is neither a leader nor a unit.</summary>
    public bool ReadList(ActionState state, string text)
    {
        var unknown = new List<string>();
        var parties = ResponsibilityReader.ReadList(text, unknown);
        if (unknown.Count > 0 && ResponsibilityReader.ReadDutySentence(text) is { } subjects)
        {
            (parties, unknown) = (subjects, []); // 镇党政办负责统筹协调，镇财政所负责资金保障 …
        }

        foreach (var party in parties)
        {
            AddParty(state, 1, ResponsibilityRoles.Responsible, party);
        }

        return unknown.Count == 0;
    }

    /// <summary>Applies the fields and notes of a line to an action; returns the line without them.</summary>
    public string ApplyFieldsAndNotes(ActionState state, string text, out DateSpec? deadline, out string? deadlineText)
    {
        deadline = null;
        deadlineText = null;
        var spans = new List<(int Index, int Length)>();
        foreach (var field in ResponsibilityReader.ReadFields(text))
        {
            spans.Add((field.Index, field.Length));
            if (field.Role == ResponsibilityReader.Deadline)
            {
                var spec = milestones.Dates.ParseLeading(field.Value) ?? milestones.Dates.Find(field.Value);
                if (spec is not null)
                {
                    deadline = spec;
                    deadlineText = field.Value;
                }
                else if (field.Value.Length > 0)
                {
                    log.Unparsed(text);
                }

                continue;
            }

            AddParties(state, field.Role, field.Value, text);
        }

        foreach (var (role, names, index, length) in ResponsibilityReader.ReadNotes(text))
        {
            spans.Add((index, length));
            AddParties(state, role, names, text);
        }

        if (spans.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        foreach (var (index, length) in spans.Distinct().OrderByDescending(s => s.Index))
        {
            if (index + length <= builder.Length)
            {
                builder.Remove(index, length);
            }
        }

        return EmptyBrackets().Replace(builder.ToString(), "").Trim().TrimEnd('，', ',', '；', ';', '（', '(');
    }

    /// <summary>The parties of one field or note value in the role it names (lead, responsible, support, leader).</summary>
    public void AddParties(ActionState state, string role, string names, string line)
    {
        var unknown = new List<string>();
        var (priority, written) = role switch
        {
            ResponsibilityReader.Lead => (0, ResponsibilityRoles.Lead),
            ResponsibilityReader.Responsible => (1, ResponsibilityRoles.Responsible),
            ResponsibilityReader.Support => (2, ResponsibilityRoles.Support),
            _ => (2, (string?)null),
        };
        foreach (var party in ResponsibilityReader.ReadList(names, unknown, leadersOnly: role == ResponsibilityReader.LeaderRole))
        {
            AddParty(state, party.Kind == PartyKind.Leader ? 0 : priority, party.Kind == PartyKind.Leader ? null : written, party);
        }

        if (unknown.Count > 0)
        {
            log.Unparsed(line);
        }
    }

    /// <summary>"区人社局、区教育局、区科技局等部门要组织公益性技能培训" names units too.</summary>
    public void RecordSubjectUnits(string text)
    {
        var m = SubjectUnits().Match(text);
        if (!m.Success)
        {
            return;
        }

        var tokens = m.Groups["u"].Value.Split('、');
        if (tokens.All(UnitNames.LooksLikeUnit))
        {
            foreach (var token in tokens)
            {
                AddNamedUnit(UnitNames.AsWritten(token));
            }
        }
    }

    /// <summary>Assigns the parties of an action in order (lead first), expanding collectives.</summary>
    public void Assign(ActionState state)
    {
        var action = state.Action;
        foreach (var (_, party, role) in state.Parties.OrderBy(p => p.Priority))
        {
            switch (party.Kind)
            {
                case PartyKind.Leader:
                    Add(action, ResponsibilityKinds.Leader, party.Name, null);
                    break;
                case PartyKind.Unit:
                    Add(action, ResponsibilityKinds.Unit, party.Name, role);
                    break;
                case PartyKind.AllDepartments:
                    Add(action, ResponsibilityKinds.Group, party.Name, role);
                    foreach (var unit in UnitsOfType(UnitTypes.Department, null))
                    {
                        Add(action, ResponsibilityKinds.Unit, unit, role);
                    }

                    break;
                case PartyKind.Collective:
                    Add(action, ResponsibilityKinds.Group, party.Name, role);
                    break;
                case PartyKind.AllTownships:
                    Expand(action, UnitsOfType(UnitTypes.Township, UnitNames.AllTownships), UnitNames.AllTownships, role);
                    break;
                case PartyKind.AllStreets:
                    Expand(action, UnitsOfType(UnitTypes.Subdistrict, UnitNames.AllStreets), UnitNames.AllStreets, role);
                    break;
            }
        }
    }

    /// <summary>The units the plan names, as units of the roster: the name as written, its type, and its other names (the short form first).</summary>
    public IEnumerable<Unit> Units() =>
        _namedUnits.Select(name => new Unit
        {
            Name = name,
            Type = UnitNames.TypeOf(UnitNames.Canonicalize(name)),
            Aliases = UnitNames.AliasesOfWritten(name)
                .Concat(_otherForms.TryGetValue(name, out var forms) ? forms : [])
                .Distinct(StringComparer.Ordinal).ToList(),
        });

    private List<string> UnitsOfType(string type, string? collective)
    {
        // 各部门 stays one group unless a roster is given: the departments a plan happens to name are not all of them.
        var units = type == UnitTypes.Department && roster is null
            ? []
            : _namedUnits.Where(u => UnitNames.TypeOf(u) == type && u != collective).ToList();

        foreach (var unit in roster ?? [])
        {
            if (string.Equals(unit.Type, type, StringComparison.Ordinal) && unit.Name != collective && !units.Contains(unit.Name, StringComparer.Ordinal))
            {
                units.Add(unit.Name);
            }
        }

        return units;
    }

    private void Expand(PlanAction action, List<string> units, string collective, string? role)
    {
        if (units.Count == 0)
        {
            AddNamedUnit(collective);
            Add(action, ResponsibilityKinds.Unit, collective, role);
            return;
        }

        foreach (var unit in units)
        {
            Add(action, ResponsibilityKinds.Unit, unit, role);
        }
    }

    private static void Add(PlanAction action, string kind, string name, string? role)
    {
        var capped = ImportText.Cap(name, 128);
        if (!action.Responsibilities.Any(r => r.Kind == kind && string.Equals(r.Name, capped, StringComparison.Ordinal)))
        {
            action.Responsibilities.Add(new Responsibility { Kind = kind, Name = capped, Role = role });
        }
    }

    private void AddParty(ActionState state, int priority, string? role, Party party)
    {
        state.Parties.Add((priority, party, role));
        if (party.Kind == PartyKind.Unit)
        {
            AddNamedUnit(party.Name);
        }
    }

    private void AddNamedUnit(string name)
    {
        if (name.Length is 0 or > 64 || _namedUnitSet.Contains(name))
        {
            return;
        }

        var canonical = UnitNames.Canonicalize(name);
        if (_writtenByCanonical.TryGetValue(canonical, out var first))
        {
            if (!_otherForms.TryGetValue(first, out var forms))
            {
                _otherForms[first] = forms = [];
            }

            forms.Add(name);
            return;
        }

        _writtenByCanonical[canonical] = name;
        if (_namedUnitSet.Add(name))
        {
            _namedUnits.Add(name);
        }
    }

    [GeneratedRegex(@"^(?<u>[^，。；、]{2,20}(?:、[^，。；、]{2,20})*?)(?:等相关部门|等有关部门|等部门|等单位)?(?:要|负责|牵头|应当|应)")]
    private static partial Regex SubjectUnits();

    [GeneratedRegex(@"[（(〔【\[][\s；;，,、]*[）)〕】\]]")]
    private static partial Regex EmptyBrackets();
}
