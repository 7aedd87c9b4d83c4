using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Data.Units;

namespace Bot.Skills.Plans;

/// <summary>
/// Reads an implementation-plan document (实施方案) into a <see cref="Plan"/> graph. Pure and deterministic: no I/O, no
/// clock, never throws. Understands
/// <list type="bullet">
/// <item>headings 一、/（一）/1./（1）; an action is a heading with sub-sections 时间安排/具体要求/责任人及责任部门 (or a
/// heading "…行动（period）"); title and period come from the heading, quotes kept as written;</item>
/// <item>milestones from every 时间安排 item, targets and duties from 具体要求, responsibilities from 责任人及责任部门;</item>
/// <item>task-split documents: items with 牵头单位：/责任单位：/完成时限： fields, 〔X牵头，Y参与，Z负责落实〕 notes, and
/// tables flattened to text (cells split by | or tabs) — each task becomes an action with one milestone;</item>
/// <item>plan-wide duties from general sections (每季度向区政府党组报告一次, 每月跟进、季度督查 …).</item>
/// </list>
/// Narrative lines (principles, guiding ideas) count as background; everything else not understood is listed in
/// <see cref="PlanImportResult.Unparsed"/>.
/// </summary>
public sealed partial class PlanImporter
{
    /// <summary>Characters read from a document; the rest is reported in <see cref="PlanImportResult.Unparsed"/>.</summary>
    public const int MaxChars = 2_000_000;

    public const string UntitledPlan = "未命名方案";

    /// <summary>Parses <paramref name="text"/> for the calendar year <paramref name="year"/> (dates land in that year).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "An injectable service.")]
    public PlanImportResult Parse(string? text, int year)
    {
        var normalized = Normalize(text ?? "");
        var plan = new Plan
        {
            Title = UntitledPlan,
            Year = Math.Clamp(year, 1, 9998),
            Document = normalized,
            ContentHash = HashOf(normalized),
        };
        var result = new PlanImportResult(plan);
        try
        {
            new Session(result, normalized).Run();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Defensive: a bug in one rule must not lose the document; report it as not understood.
            result.Unparsed.Add($"（解析中断 / parser stopped: {ex.GetType().Name}）");
        }

        return result;
    }

    /// <summary>The document as stored: no BOM or NUL, \n line ends, lone surrogates replaced.</summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\uFEFF' or '\0')
            {
                continue;
            }

            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }

            builder.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
        }

        return builder.ToString();
    }

    /// <summary>SHA-256 (hex) over the non-empty trimmed lines, so whitespace-only edits are the same document.</summary>
    public static string HashOf(string normalized)
    {
        var canonical = string.Join('\n', normalized.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    internal enum SubKind
    {
        None,
        Schedule,
        Requirements,
        Responsibility,
        Other,
    }

    private sealed record Line(int Index, string Text, int Level, string Body, SubKind Sub, string SubRest);

    private sealed class ActionState(PlanAction action, int level)
    {
        public PlanAction Action { get; } = action;

        public int Level { get; } = level;

        public SubKind Sub { get; set; }

        public List<string> DescriptionLines { get; } = [];

        public List<string> RequirementLines { get; } = [];

        public List<(int Priority, Party Party)> Parties { get; } = [];

        public bool IsTask { get; init; }

        public string TaskText { get; set; } = "";
    }

    private sealed class Session(PlanImportResult result, string document)
    {
        private const int MaxText = 4000;

        private readonly Plan _plan = result.Plan;
        private readonly List<ActionState> _actions = [];
        private readonly List<string> _namedUnits = [];
        private readonly HashSet<string> _namedUnitSet = new(StringComparer.Ordinal);
        private readonly HashSet<int> _actionHeadings = [];
        private List<Line> _lines = [];
        private PlanDateParser _dates = new(result.Plan.Year);
        private ActionState? _current;
        private ActionState? _task;
        private int _taskLevel;
        private string? _group;
        private Dictionary<string, int>? _table;

        public void Run()
        {
            var text = document;
            if (text.Length > MaxChars)
            {
                result.Unparsed.Add($"（文档超过 {MaxChars} 个字符，其后 {text.Length - MaxChars} 个字符未解析 / document truncated）");
                text = text[..MaxChars];
            }

            var raw = text.Split('\n').Select(l => l.Trim().Trim('\u3000', '\u00A0', '\t')).ToList();
            var start = ReadTitle(raw);
            _plan.SourceYear = SourceYearOf(_plan.Title) ?? SourceYearOf(text);
            _dates = new PlanDateParser(_plan.Year, _plan.SourceYear);
            _lines = raw.Select((l, i) => Classify(i, l)).ToList();
            FindActionHeadings(start);

            for (var i = start; i < _lines.Count; i++)
            {
                var line = _lines[i];
                if (line.Text.Length == 0)
                {
                    continue;
                }

                try
                {
                    Process(line);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Unparsed(line.Text);
                }
            }

            Finish();
        }

        // ---- document head -------------------------------------------------------------------------------------

        private int ReadTitle(List<string> raw)
        {
            var titleLines = new List<string>();
            var i = 0;
            for (; i < raw.Count && titleLines.Count < 4; i++)
            {
                var l = raw[i];
                if (l.Length == 0)
                {
                    if (titleLines.Count > 0)
                    {
                        break;
                    }

                    continue;
                }

                if (DraftNote().IsMatch(l))
                {
                    continue;
                }

                if (HeadingOf(l).Level > 0 || l.Length > 60 || l.EndsWith('。') || CjkShare(l) < 0.5 || l.IndexOfAny(['\t', '|', '｜', '：', ':']) >= 0)
                {
                    break;
                }

                titleLines.Add(l);
                if (TitleEnd().IsMatch(l))
                {
                    i++;
                    break;
                }
            }

            // Notes such as （征求意见稿） right after the title belong to it.
            while (i < raw.Count && (raw[i].Length == 0 || DraftNote().IsMatch(raw[i])))
            {
                i++;
            }

            if (titleLines.Count > 0)
            {
                _plan.Title = Cap(string.Concat(titleLines), 200);
            }

            return titleLines.Count > 0 ? i : 0;
        }

        private static int? SourceYearOf(string text)
        {
            var m = WrittenYear().Match(text);
            return m.Success ? int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture) : null;
        }

        private static Line Classify(int index, string text)
        {
            if (text.Length == 0)
            {
                return new Line(index, text, 0, text, SubKind.None, "");
            }

            var (level, body) = HeadingOf(text);
            var sub = level > 0 ? SubHeading().Match(body) : SubLine().Match(text);
            var kind = sub.Success ? SubKindOf(sub.Groups["l"].Value) : SubKind.None;
            return new Line(index, text, level, body, kind, sub.Success ? sub.Groups["rest"].Value.Trim() : "");
        }

        private static (int Level, string Body) HeadingOf(string text)
        {
            Match m;
            if ((m = Level1().Match(text)).Success)
            {
                return (1, m.Groups["rest"].Value.Trim());
            }

            if ((m = Level2().Match(text)).Success)
            {
                return (2, m.Groups["rest"].Value.Trim());
            }

            if ((m = Level3().Match(text)).Success)
            {
                return (3, m.Groups["rest"].Value.Trim());
            }

            if ((m = Level4().Match(text)).Success)
            {
                return (4, m.Groups["rest"].Value.Trim());
            }

            return (m = Level5().Match(text)).Success ? (5, m.Groups["rest"].Value.Trim()) : (0, text);
        }

        private static SubKind SubKindOf(string label) => label switch
        {
            "时间安排" or "进度安排" or "时间节点安排" or "实施步骤" or "步骤安排" or "工作步骤" or "时间进度" or "推进步骤" => SubKind.Schedule,
            "责任人及责任部门" or "责任人及责任单位" or "责任领导及责任单位" or "责任领导及责任部门" or "责任人和责任单位" or "责任分工"
                or "职责分工" or "责任主体" or "责任人" or "责任部门" or "责任单位" => SubKind.Responsibility,
            _ => SubKind.Requirements,
        };

        // An action is a heading whose own span holds sub-sections of at least two kinds (时间安排, 具体要求, 责任…),
        // or a heading "…行动（period）" at level 1 or 2.
        private void FindActionHeadings(int start)
        {
            for (var i = start; i < _lines.Count; i++)
            {
                var h = _lines[i];
                if (h.Level == 0 || h.Sub != SubKind.None)
                {
                    continue;
                }

                var kinds = new HashSet<SubKind>();
                var owner = i;
                for (var j = i + 1; j < _lines.Count; j++)
                {
                    var l = _lines[j];
                    if (l.Level > 0 && l.Level <= h.Level)
                    {
                        break;
                    }

                    if (l.Sub != SubKind.None && owner == i)
                    {
                        kinds.Add(l.Sub);
                    }
                    else if (l.Level > 0 && l.Sub == SubKind.None && l.Level < 4)
                    {
                        owner = j;
                    }
                }

                if (kinds.Count >= 2 || (h.Level <= 2 && ActionTitle().IsMatch(h.Body)))
                {
                    _actionHeadings.Add(i);
                }
            }
        }

        // ---- dispatch -----------------------------------------------------------------------------------------

        private void Process(Line line)
        {
            if (_actionHeadings.Contains(line.Index) && (_current is null || line.Level <= _current.Level))
            {
                StartAction(line);
                return;
            }

            if (_current is not null && line.Level > 0 && line.Level <= _current.Level)
            {
                _current = null;
            }

            if (_current is not null)
            {
                ProcessInAction(_current, line);
                return;
            }

            ProcessGeneral(line);
        }

        private void StartAction(Line line)
        {
            _task = null;
            _table = null;
            var body = line.Body;
            string title, description;
            string? period = null;
            var stop = body.IndexOf('。', StringComparison.Ordinal);
            stop = stop < 0 ? body.Length : stop;
            var periodMatch = PeriodParen().Matches(body).FirstOrDefault(m => m.Index < stop && IsPeriod(m.Groups["p"].Value));
            if (periodMatch is not null)
            {
                title = body[..periodMatch.Index];
                period = periodMatch.Groups["p"].Value.Trim();
                description = body[(periodMatch.Index + periodMatch.Length)..];
            }
            else
            {
                title = body[..stop];
                description = stop < body.Length ? body[(stop + 1)..] : "";
            }

            var action = new PlanAction
            {
                Number = _actions.Count + 1,
                Title = Cap(title.Trim().TrimEnd('。', '，', '：', ':'), 200),
                Period = period is null ? null : Cap(period, 64),
            };
            if (period is not null && _dates.ParseLeading(period) is { } spec)
            {
                (action.StartDate, action.EndDate) = spec.Windows.Count > 0 ? (spec.Start, spec.End) : Whole();
            }

            var state = new ActionState(action, line.Level);
            description = description.TrimStart('。', '：', ':', '，', ' ').Trim();
            if (description.Length > 0)
            {
                state.DescriptionLines.Add(description);
            }

            _actions.Add(state);
            _current = state;
        }

        private void ProcessInAction(ActionState state, Line line)
        {
            var text = line.Body;
            if (line.Sub != SubKind.None)
            {
                state.Sub = line.Sub;
                text = line.SubRest;
                if (text.Length == 0)
                {
                    return;
                }
            }
            else if (line.Level is > 0 and < 4 && line.Level > state.Level)
            {
                // An unknown sub-heading (4. 保障措施 …): its items read like requirements.
                state.Sub = SubKind.Other;
                if (IsHeadingTitle(line.Body))
                {
                    return;
                }
            }

            text = ApplyFieldsAndNotes(state, text, out var deadline, out var deadlineText);
            if (deadline is not null)
            {
                AddMilestones(state, deadline, $"{state.Action.Title}（完成时限：{deadlineText}）", deadline.Recurrence);
                state.Action.Period ??= Cap(deadlineText!, 64);
            }

            if (text.Length == 0)
            {
                return;
            }

            switch (state.Sub)
            {
                case SubKind.None:
                    if (CjkShare(text) >= 0.5)
                    {
                        state.DescriptionLines.Add(text);
                    }
                    else
                    {
                        Unparsed(line.Text);
                    }

                    break;
                case SubKind.Schedule:
                    ReadSchedule(state, text, line.Text);
                    break;
                case SubKind.Responsibility:
                    var unknown = new List<string>();
                    foreach (var party in ResponsibilityReader.ReadList(text, unknown))
                    {
                        AddParty(state, 1, party);
                    }

                    if (unknown.Count > 0)
                    {
                        Unparsed(line.Text);
                    }

                    break;
                default:
                    ReadRequirement(state, text, line.Text);
                    break;
            }
        }

        private void ProcessGeneral(Line line)
        {
            var text = line.Text;
            if (TryTable(line))
            {
                return;
            }

            var body = line.Level > 0 ? line.Body : text;
            if (ResponsibilityReader.StartsWithField(body))
            {
                if (_task is null)
                {
                    Unparsed(text);
                    return;
                }

                var rest = ApplyFieldsAndNotes(_task, body, out var deadline, out var deadlineText);
                if (deadline is not null)
                {
                    SetTaskDeadline(_task, deadline, deadlineText!);
                }

                if (rest.Length > 0)
                {
                    Unparsed(rest);
                }

                return;
            }

            if (_task is not null && _taskLevel > 0 && (line.Level == 0 || line.Level > _taskLevel))
            {
                ReadTaskContent(_task, line);
                return;
            }

            _task = null;
            var hasInline = ResponsibilityReader.ReadFields(body).Count > 0 || ResponsibilityReader.ReadNotes(body).Count > 0;
            if (hasInline || NextIsField(line) || (line.Level >= 3 && IsDatedTask(body)) || (line.Level > 0 && SpanHasField(line)))
            {
                _task = CreateTask(body);
                _taskLevel = line.Level;
                return;
            }

            if (line.Level > 0 && IsHeadingTitle(line.Body))
            {
                _group = line.Body;
                return;
            }

            if (line.Level == 0 && line.Sub != SubKind.None && line.SubRest.Length == 0)
            {
                return;
            }

            var duties = DutyExtractor.Extract(body, generalSection: true);
            if (duties.Count > 0)
            {
                foreach (var duty in duties)
                {
                    duty.Text = Cap(duty.Text, MaxText);
                    _plan.Duties.Add(duty);
                }

                return;
            }

            if (IsProse(text) && !HasSignal(text))
            {
                result.BackgroundLines++;
                return;
            }

            Unparsed(text);
        }

        // ---- sections of an action ----------------------------------------------------------------------------

        private void ReadSchedule(ActionState state, string text, string original)
        {
            foreach (var target in TargetExtractor.Extract(text))
            {
                AddTarget(state, target);
            }

            var leading = _dates.ParseLeading(text);
            if (leading is not null)
            {
                AddMilestones(state, leading, text, leading.Recurrence);
                var first = true;
                foreach (var segment in ClauseSegments().Split(text))
                {
                    if (first)
                    {
                        first = false;
                        continue;
                    }

                    var s = segment.Trim();
                    if (_dates.ParseLeading(s) is { Windows.Count: > 0 } sub)
                    {
                        AddMilestones(state, sub, s, sub.Recurrence);
                    }
                }

                return;
            }

            var found = FindSignificant(text);
            var recurrence = RecurrenceIn(text);
            if (found is { Windows.Count: > 0 })
            {
                AddMilestones(state, found, text, found.Recurrence ?? recurrence);
            }
            else if ((found?.Recurrence ?? recurrence) is { } every)
            {
                AddMilestones(state, new DateSpec([], every, 0, 0, false), text, every);
            }
            else
            {
                Unparsed(original);
            }
        }

        private void ReadRequirement(ActionState state, string text, string original)
        {
            if (CjkShare(text) < 0.5)
            {
                Unparsed(original);
                return;
            }

            state.RequirementLines.Add(text);
            RecordSubjectUnits(text);
            var targets = TargetExtractor.Extract(text);
            var duties = DutyExtractor.Extract(text, generalSection: false);
            foreach (var target in targets)
            {
                AddTarget(state, target);
            }

            foreach (var duty in duties)
            {
                duty.Text = Cap(duty.Text, MaxText);
                state.Action.Duties.Add(duty);
            }

            if (targets.Count == 0 && duties.Count == 0)
            {
                result.OpenRequirements.Add(new RequirementSentence(state.Action.Number, Cap(text, MaxText)));
            }
        }

        private static void AddTarget(ActionState state, Target target)
        {
            target.Text = Cap(target.Text, MaxText);
            state.Action.Targets.Add(target);
        }

        private void AddMilestones(ActionState state, DateSpec spec, string text, string? recurrence)
        {
            var windows = spec.Windows.Count > 0
                ? spec.Windows
                : [new DateWindow(state.Action.StartDate ?? Whole().Start, state.Action.EndDate ?? Whole().End)];
            foreach (var w in windows)
            {
                state.Action.Milestones.Add(new Milestone
                {
                    Text = Cap(text.Trim(), MaxText),
                    StartDate = w.Start,
                    EndDate = w.End,
                    Recurrence = recurrence,
                });
            }
        }

        // ---- task-split documents -----------------------------------------------------------------------------

        private ActionState CreateTask(string body)
        {
            var action = new PlanAction { Number = _actions.Count + 1 };
            var state = new ActionState(action, 99) { IsTask = true };
            _actions.Add(state);
            var text = ApplyFieldsAndNotes(state, body, out var deadline, out var deadlineText);
            text = text.Trim().TrimEnd('，', ',', '；', ';');
            action.Title = Cap(TitleOf(text), 200);
            state.TaskText = text;
            if (_group is not null)
            {
                state.DescriptionLines.Add(_group);
            }

            if (text.Length > action.Title.Length)
            {
                state.DescriptionLines.Add(text);
            }

            foreach (var target in TargetExtractor.Extract(text))
            {
                AddTarget(state, target);
            }

            foreach (var duty in DutyExtractor.Extract(text, generalSection: false))
            {
                duty.Text = Cap(duty.Text, MaxText);
                action.Duties.Add(duty);
            }

            if (deadline is not null)
            {
                SetTaskDeadline(state, deadline, deadlineText!);
            }
            else
            {
                var spec = _dates.ParseLeading(text) is { Windows.Count: > 0 } leading ? leading : FindSignificant(text);
                var recurrence = RecurrenceIn(text);
                if (spec is { Windows.Count: > 0 })
                {
                    (action.StartDate, action.EndDate) = (spec.Start, spec.End);
                    AddMilestones(state, spec, text, spec.Recurrence ?? recurrence);
                }
                else
                {
                    action.Milestones.Add(new Milestone { Text = Cap(text, MaxText), Recurrence = recurrence });
                }
            }

            RecordSubjectUnits(text);
            return state;
        }

        private void SetTaskDeadline(ActionState state, DateSpec deadline, string deadlineText)
        {
            var action = state.Action;
            action.Period = Cap(deadlineText, 64);
            (action.StartDate, action.EndDate) = (deadline.Start, deadline.End);
            action.Milestones.Clear();
            var text = state.TaskText.Length > 0 ? state.TaskText : action.Title;
            if (deadline.Windows.Count > 0)
            {
                AddMilestones(state, deadline, text, deadline.Recurrence ?? RecurrenceIn(text));
            }
            else
            {
                action.Milestones.Add(new Milestone { Text = Cap(text, MaxText), Recurrence = deadline.Recurrence ?? RecurrenceIn(text) });
            }
        }

        // A line inside a task heading's span ("2. 主要措施：每月通报一次"): its targets, duties and text belong to the task.
        private void ReadTaskContent(ActionState state, Line line)
        {
            var text = line.Sub != SubKind.None ? line.SubRest : line.Body;
            text = ApplyFieldsAndNotes(state, text, out var deadline, out var deadlineText);
            if (deadline is not null)
            {
                SetTaskDeadline(state, deadline, deadlineText!);
            }

            if (text.Length == 0)
            {
                return;
            }

            if (CjkShare(text) < 0.5)
            {
                Unparsed(line.Text);
                return;
            }

            state.DescriptionLines.Add(text);
            foreach (var target in TargetExtractor.Extract(text))
            {
                AddTarget(state, target);
            }

            foreach (var duty in DutyExtractor.Extract(text, generalSection: false))
            {
                duty.Text = Cap(duty.Text, MaxText);
                state.Action.Duties.Add(duty);
            }
        }

        // A heading whose own lines carry task fields (责任单位：…, 完成时限：…) is a task.
        private bool SpanHasField(Line heading)
        {
            for (var j = heading.Index + 1; j < _lines.Count; j++)
            {
                var l = _lines[j];
                if (l.Level > 0 && l.Level <= heading.Level)
                {
                    return false;
                }

                if (l.Text.Length == 0)
                {
                    continue;
                }

                if (ResponsibilityReader.StartsWithField(l.Body))
                {
                    return true;
                }

                if (l.Level > 0 && NextIsField(l))
                {
                    return false; // a child item owns the fields below it: the child is the task
                }
            }

            return false;
        }

        // The next line is a field of this line (unnumbered, or numbered deeper than this line — not a sibling).
        private bool NextIsField(Line line)
        {
            for (var j = line.Index + 1; j < _lines.Count; j++)
            {
                var next = _lines[j];
                if (next.Text.Length > 0)
                {
                    return ResponsibilityReader.StartsWithField(next.Body) && (next.Level == 0 || next.Level > line.Level);
                }
            }

            return false;
        }

        private bool IsDatedTask(string body) =>
            CjkShare(body) >= 0.5 && (_dates.ParseLeading(body) is { Windows.Count: > 0 } || FindSignificant(body) is { IsDeadline: true });

        /// <summary>Applies fields and notes of a line to an action; returns the line without them.</summary>
        private string ApplyFieldsAndNotes(ActionState state, string text, out DateSpec? deadline, out string? deadlineText)
        {
            deadline = null;
            deadlineText = null;
            var spans = new List<(int Index, int Length)>();
            foreach (var field in ResponsibilityReader.ReadFields(text))
            {
                spans.Add((field.Index, field.Length));
                if (field.Role == ResponsibilityReader.Deadline)
                {
                    var spec = _dates.ParseLeading(field.Value) ?? _dates.Find(field.Value);
                    if (spec is not null)
                    {
                        deadline = spec;
                        deadlineText = field.Value;
                    }
                    else if (field.Value.Length > 0)
                    {
                        Unparsed(text);
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

        private void AddParties(ActionState state, string role, string names, string line)
        {
            var unknown = new List<string>();
            var priority = role switch
            {
                ResponsibilityReader.Lead => 0,
                ResponsibilityReader.Responsible => 1,
                _ => 2,
            };
            foreach (var party in ResponsibilityReader.ReadList(names, unknown, leadersOnly: role == ResponsibilityReader.LeaderRole))
            {
                AddParty(state, party.Kind == PartyKind.Leader ? 0 : priority, party);
            }

            if (unknown.Count > 0)
            {
                Unparsed(line);
            }
        }

        // ---- tables flattened to text -------------------------------------------------------------------------

        private bool TryTable(Line line)
        {
            var cells = Cells(line.Text);
            if (cells.Count >= 2 && HeaderMap(cells) is { } header)
            {
                _table = header;
                _task = null;
                return true;
            }

            if (TableRule().IsMatch(line.Text) && (_table is not null || line.Text.Contains('|', StringComparison.Ordinal)))
            {
                return true;
            }

            if (_table is not null)
            {
                if (cells.Count >= 2)
                {
                    TaskFromRow(cells, _table);
                    return true;
                }

                _table = null;
                return false;
            }

            if (cells.Count >= 3 && InferRow(cells) is { } inferred)
            {
                TaskFromRow(cells, inferred);
                return true;
            }

            return false;
        }

        private void TaskFromRow(List<string> cells, Dictionary<string, int> map)
        {
            string Cell(string key) => map.TryGetValue(key, out var i) && i < cells.Count ? cells[i] : "";

            var taskText = Cell("task");
            if (taskText.Length == 0)
            {
                taskText = cells.Where((c, i) => !map.ContainsValue(i)).OrderByDescending(c => c.Length).FirstOrDefault() ?? "";
            }

            var state = CreateTask(taskText);
            foreach (var (key, role) in new[]
            {
                ("lead", ResponsibilityReader.Lead), ("responsible", ResponsibilityReader.Responsible),
                ("support", ResponsibilityReader.Support), ("leader", ResponsibilityReader.LeaderRole),
            })
            {
                if (Cell(key) is { Length: > 0 } value)
                {
                    AddParties(state, role, value, string.Join(" | ", cells));
                }
            }

            if (Cell("deadline") is { Length: > 0 } deadlineText)
            {
                if ((_dates.ParseLeading(deadlineText) ?? _dates.Find(deadlineText)) is { } spec)
                {
                    SetTaskDeadline(state, spec, deadlineText);
                }
                else
                {
                    Unparsed(string.Join(" | ", cells));
                }
            }

            _task = null;
        }

        private static Dictionary<string, int>? HeaderMap(List<string> cells)
        {
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < cells.Count; i++)
            {
                var key = cells[i] switch
                {
                    "序号" or "编号" => "number",
                    "任务" or "工作任务" or "重点任务" or "具体任务" or "主要任务" or "工作内容" or "任务内容" or "事项" or "内容" or "工作措施" or "任务名称" => "task",
                    "牵头单位" or "牵头部门" or "主责单位" => "lead",
                    "责任单位" or "责任部门" or "落实单位" => "responsible",
                    "配合单位" or "协办单位" or "参与单位" or "配合部门" => "support",
                    "责任领导" or "牵头领导" or "分管领导" or "责任人" => "leader",
                    "完成时限" or "完成时间" or "时间节点" or "时限" or "时限要求" => "deadline",
                    _ => null,
                };
                if (key is not null)
                {
                    map.TryAdd(key, i);
                }
            }

            return map.Count >= 2 && (map.ContainsKey("task") || map.ContainsKey("lead") || map.ContainsKey("deadline")) ? map : null;
        }

        private Dictionary<string, int>? InferRow(List<string> cells)
        {
            var map = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < cells.Count; i++)
            {
                var c = cells[i];
                if (c.All(char.IsAsciiDigit))
                {
                    map.TryAdd("number", i);
                }
                else if (_dates.ParseLeading(c) is { } spec && spec.Length >= c.Length - 3)
                {
                    map.TryAdd("deadline", i);
                }
                else if (c.Split('、', '，', ',').All(t => UnitNames.LooksLikeUnit(t) || UnitNames.IsStreetCollective(t) || UnitNames.IsTownshipCollective(t) || UnitNames.IsDepartmentCollective(t)))
                {
                    map.TryAdd(map.ContainsKey("lead") ? "responsible" : "lead", i);
                }
            }

            return map.ContainsKey("deadline") && map.ContainsKey("lead") ? map : null;
        }

        private static List<string> Cells(string text)
        {
            string[] parts;
            if (text.Contains('|', StringComparison.Ordinal) || text.Contains('｜', StringComparison.Ordinal))
            {
                parts = text.Split('|', '｜');
            }
            else if (text.Contains('\t', StringComparison.Ordinal))
            {
                parts = text.Split('\t');
            }
            else
            {
                parts = WideGap().Split(text);
            }

            var cells = parts.Select(p => p.Trim()).ToList();
            while (cells.Count > 0 && cells[0].Length == 0)
            {
                cells.RemoveAt(0);
            }

            while (cells.Count > 0 && cells[^1].Length == 0)
            {
                cells.RemoveAt(cells.Count - 1);
            }

            return cells.Count >= 2 ? cells : [];
        }

        // ---- end ----------------------------------------------------------------------------------------------

        private void Finish()
        {
            var townships = _namedUnits.Where(u => UnitNames.TypeOf(u) == UnitTypes.Township && u != UnitNames.AllTownships).ToList();
            var streets = _namedUnits.Where(u => UnitNames.TypeOf(u) == UnitTypes.Subdistrict && u != UnitNames.AllStreets).ToList();
            foreach (var state in _actions)
            {
                var action = state.Action;
                foreach (var (_, party) in state.Parties.OrderBy(p => p.Priority))
                {
                    switch (party.Kind)
                    {
                        case PartyKind.Leader:
                            AddResponsibility(action, ResponsibilityKinds.Leader, party.Name);
                            break;
                        case PartyKind.Unit:
                            AddResponsibility(action, ResponsibilityKinds.Unit, party.Name);
                            break;
                        case PartyKind.AllDepartments:
                            AddResponsibility(action, ResponsibilityKinds.Group, party.Name);
                            break;
                        case PartyKind.AllTownships:
                            ExpandCollective(action, townships, UnitNames.AllTownships);
                            break;
                        case PartyKind.AllStreets:
                            ExpandCollective(action, streets, UnitNames.AllStreets);
                            break;
                    }
                }

                var hasLeaders = action.Responsibilities.Any(r => r.Kind == ResponsibilityKinds.Leader);
                var fallback = hasLeaders ? TargetSubjects.Leader : TargetSubjects.Unit;
                foreach (var target in action.Targets.Where(t => t.AppliesTo.Length == 0))
                {
                    target.AppliesTo = fallback;
                }

                foreach (var duty in action.Duties.Where(d => string.IsNullOrEmpty(d.Level)))
                {
                    duty.Level = hasLeaders ? DutyLevels.Leader : DutyLevels.Unit;
                }

                var description = new List<string>(state.DescriptionLines);
                if (state.RequirementLines.Count > 0)
                {
                    description.Add("具体要求：");
                    description.AddRange(state.RequirementLines);
                }

                action.Description = description.Count == 0 ? null : Cap(string.Join('\n', description), 15000);
                _plan.Actions.Add(action);
            }

            foreach (var duty in _plan.Duties.Where(d => string.IsNullOrEmpty(d.Level)))
            {
                duty.Level = DutyLevels.Office;
            }

            foreach (var name in _namedUnits)
            {
                result.Units.Add(new Unit { Name = name, Type = UnitNames.TypeOf(name), Aliases = UnitNames.AliasesOf(name) });
            }
        }

        private void ExpandCollective(PlanAction action, List<string> named, string collective)
        {
            if (named.Count == 0)
            {
                AddNamedUnit(collective);
                AddResponsibility(action, ResponsibilityKinds.Unit, collective);
                return;
            }

            foreach (var unit in named)
            {
                AddResponsibility(action, ResponsibilityKinds.Unit, unit);
            }
        }

        private static void AddResponsibility(PlanAction action, string kind, string name)
        {
            var capped = Cap(name, 128);
            if (!action.Responsibilities.Any(r => r.Kind == kind && string.Equals(r.Name, capped, StringComparison.Ordinal)))
            {
                action.Responsibilities.Add(new Responsibility { Kind = kind, Name = capped });
            }
        }

        private void AddParty(ActionState state, int priority, Party party)
        {
            state.Parties.Add((priority, party));
            if (party.Kind == PartyKind.Unit)
            {
                AddNamedUnit(party.Name);
            }
        }

        private void AddNamedUnit(string name)
        {
            if (name.Length is > 0 and <= 64 && _namedUnitSet.Add(name))
            {
                _namedUnits.Add(name);
            }
        }

        // "区人社局、区教育局、区科技局等部门要组织公益性技能培训" names units too.
        private void RecordSubjectUnits(string text)
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
                    AddNamedUnit(UnitNames.Canonicalize(token));
                }
            }
        }

        // ---- helpers ------------------------------------------------------------------------------------------

        private (DateOnly Start, DateOnly End) Whole()
        {
            var w = _dates.WholeYear();
            return (w.Start!.Value, w.End);
        }

        private DateSpec? FindSignificant(string text)
        {
            var offset = 0;
            while (offset < text.Length)
            {
                var spec = _dates.Find(text[offset..]);
                if (spec is null)
                {
                    return null;
                }

                var written = text.Substring(offset + spec.Index, spec.Length);
                if (!BareYear().IsMatch(written))
                {
                    return spec;
                }

                offset += spec.Index + Math.Max(1, spec.Length);
            }

            return null;
        }

        // Dates that make a sentence actionable: months, quarters, 旬, days, year ends, deadlines — not 年初以来 or 持续.
        private bool HasSignal(string text)
        {
            if (TargetExtractor.HasNumberSignal(text) || DutyExtractor.HasCadence(text) || ResponsibilityReader.ReadFields(text).Count > 0)
            {
                return true;
            }

            var offset = 0;
            while (offset < text.Length && _dates.Find(text[offset..]) is { } spec)
            {
                var written = text.Substring(offset + spec.Index, spec.Length);
                if (spec.IsDeadline || ActionableDate().IsMatch(written))
                {
                    return true;
                }

                offset += spec.Index + Math.Max(1, spec.Length);
            }

            return false;
        }

        private static string? RecurrenceIn(string text)
        {
            var m = RecurrenceWord().Match(text);
            return m.Success ? PlanDateParser.RecurrenceOf(m.Groups["r"].Value) : null;
        }

        private bool IsPeriod(string text) =>
            _dates.ParseLeading(text) is { } spec && spec.Length >= text.Trim().Length - 2;

        private static bool IsHeadingTitle(string body) =>
            body.Length is > 0 and <= 40 && !body.Contains('。', StringComparison.Ordinal) && CjkShare(body) >= 0.6;

        private static bool IsProse(string text) =>
            text.Length >= 12 && CjkShare(text) >= 0.6 && SentenceEnd().IsMatch(text);

        private static double CjkShare(string text)
        {
            var visible = 0;
            var cjk = 0;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    continue;
                }

                visible++;
                if (c is >= '\u4e00' and <= '\u9fff' or >= '\u3000' and <= '\u303f' or >= '\uff00' and <= '\uffef' or '“' or '”' or '、')
                {
                    cjk++;
                }
            }

            return visible == 0 ? 0 : (double)cjk / visible;
        }

        private static string TitleOf(string text)
        {
            var stop = text.IndexOfAny(['。', '；', ';']);
            var title = (stop > 0 ? text[..stop] : text).Trim().TrimEnd('，', ',', '：', ':');
            return title.Length > 100 ? title[..100] + "…" : title;
        }

        private void Unparsed(string line)
        {
            var clean = new string(line.Select(c => char.IsControl(c) && c != '\t' ? ' ' : c).ToArray()).Trim();
            if (clean.Length > 0 && (result.Unparsed.Count == 0 || !string.Equals(result.Unparsed[^1], clean, StringComparison.Ordinal)))
            {
                result.Unparsed.Add(clean);
            }
        }
    }

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"^(?<n>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?<rest>.*)$")]
    private static partial Regex Level1();

    [GeneratedRegex(@"^[（(]\s*(?<n>[一二三四五六七八九十]{1,3})\s*[）)]\s*(?<rest>.*)$")]
    private static partial Regex Level2();

    [GeneratedRegex(@"^(?<n>\d{1,3})\s*(?:[、．]|\.(?!\d))\s*(?<rest>.*)$")]
    private static partial Regex Level3();

    [GeneratedRegex(@"^[（(]\s*(?<n>\d{1,3})\s*[）)]\s*(?<rest>.*)$")]
    private static partial Regex Level4();

    [GeneratedRegex(@"^(?<n>[\u2460-\u2473])\s*(?<rest>.*)$")]
    private static partial Regex Level5();

    private const string SubLabels = "时间安排|进度安排|时间节点安排|实施步骤|步骤安排|工作步骤|时间进度|推进步骤|具体要求|工作要求|工作措施|主要措施|具体措施|目标任务|任务目标|责任人及责任部门|责任人及责任单位|责任领导及责任单位|责任领导及责任部门|责任人和责任单位|责任分工|职责分工|责任主体";

    [GeneratedRegex(@"^(?<l>" + SubLabels + @")\s*(?:[:：。.]\s*|\s+|$)(?<rest>.*)$")]
    private static partial Regex SubHeading();

    [GeneratedRegex(@"^(?<l>" + SubLabels + @")\s*[:：]\s*(?<rest>.*)$")]
    private static partial Regex SubLine();

    [GeneratedRegex(@"行动\s*[（(][^（）()]{1,24}[）)]")]
    private static partial Regex ActionTitle();

    [GeneratedRegex(@"[（(](?<p>[^（）()]{1,24})[）)]")]
    private static partial Regex PeriodParen();

    [GeneratedRegex(@"^[（(【\[](?:征求意见稿|送审稿|讨论稿|试行|草案|草稿|修订稿|初稿|代拟稿|暂行)[）)】\]]$")]
    private static partial Regex DraftNote();

    [GeneratedRegex(@"(?:方案|意见|通知|计划|分工|清单|要点|办法|细则|安排|规划)$")]
    private static partial Regex TitleEnd();

    [GeneratedRegex(@"(?<!\d)(?<y>(?:19|20)\d{2})\s*年")]
    private static partial Regex WrittenYear();

    [GeneratedRegex(@"^(?:(?:19|20)\d{2}\s*年|次年|翌年|第二年|明年)$")]
    private static partial Regex BareYear();

    [GeneratedRegex("[。；;：:]")]
    private static partial Regex ClauseSegments();

    [GeneratedRegex(@"每个?(?<r>半个?月|天|日|周|星期|旬|月|季度|季|半年|年)")]
    private static partial Regex RecurrenceWord();

    [GeneratedRegex("[。！？；!?;…：:]$")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^(?<u>[^，。；、]{2,20}(?:、[^，。；、]{2,20})*?)(?:等相关部门|等有关部门|等部门|等单位)?(?:要|负责|牵头|应当|应)")]
    private static partial Regex SubjectUnits();

    [GeneratedRegex(@"[（(〔【\[][\s；;，,、]*[）)〕】\]]")]
    private static partial Regex EmptyBrackets();

    [GeneratedRegex(@"^\s*\|?\s*:?-{2,}")]
    private static partial Regex TableRule();

    [GeneratedRegex("月|季度|旬|[日号]$|年底|年末|年终|半年")]
    private static partial Regex ActionableDate();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex WideGap();
}
