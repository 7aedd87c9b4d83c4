using System.Text.RegularExpressions;
using Bot.Data.Plans;
using Bot.Data.Units;

namespace Bot.Skills.Plans.Import;

/// <summary>
/// One run of the import pipeline over a document: the outline from <see cref="SectionReader"/>, then each line
/// dispatched to the stage it belongs to — an action's schedule to <see cref="MilestoneReader"/>, its requirements to
/// <see cref="TargetReader"/> and <see cref="DutyReader"/>, its responsibility lists and task fields to
/// <see cref="ResponsibilityAssigner"/>, task lists and tables to tasks, general sections to plan-wide duties or
/// background. Every non-empty line is accounted for in <see cref="ImportLog"/>.
/// </summary>
internal sealed partial class ImportSession
{
    private readonly PlanImportResult _result;
    private readonly string _document;
    private readonly Plan _plan;
    private readonly ImportLog _log;
    private readonly List<ActionState> _actions = [];
    private readonly IReadOnlyCollection<Unit>? _roster;
    private PlanOutline _outline = new(null, null, 0, [], new HashSet<int>());
    private MilestoneReader _milestones = new(new ChineseDates(2000));
    private ResponsibilityAssigner _parties = null!;
    private TableReader _tables = null!;
    private ActionState? _current;
    private ActionState? _task;
    private int _taskLevel;
    private string? _group;

    public ImportSession(PlanImportResult result, string document, IReadOnlyCollection<Unit>? roster)
    {
        _result = result;
        _document = document;
        _plan = result.Plan;
        _roster = roster;
        _log = new ImportLog(result);
    }

    public void Run()
    {
        var text = _document;
        if (text.Length > PlanImporter.MaxChars)
        {
            _result.Unparsed.Add($"（文档超过 {PlanImporter.MaxChars} 个字符，其后 {text.Length - PlanImporter.MaxChars} 个字符未解析 / document truncated）");
            text = text[..PlanImporter.MaxChars];
        }

        _outline = SectionReader.Read(text);
        if (_outline.Title is { } title)
        {
            _plan.Title = title;
        }

        _plan.SourceYear = _outline.SourceYear;
        var dates = new ChineseDates(_plan.Year, _plan.SourceYear);
        _milestones = new MilestoneReader(dates);
        _parties = new ResponsibilityAssigner(_log, _milestones, _roster);
        _tables = new TableReader(dates);

        var lines = _outline.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Text.Length == 0)
            {
                continue;
            }

            _log.Begin();
            if (i < _outline.Start)
            {
                _log.Mark(LineUse.Title);
            }
            else
            {
                try
                {
                    Process(line);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    _log.Unparsed(line.Text);
                }
            }

            _log.End(i, line.Text);
        }

        Finish();
    }

    // ---- dispatch -----------------------------------------------------------------------------------------

    private void Process(PlanLine line)
    {
        if (line.Index == _outline.DocumentAction)
        {
            StartDocumentAction();
        }

        if (_outline.ActionHeadings.Contains(line.Index) && (_current is null || line.Level <= _current.Level))
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

    private void StartAction(PlanLine line)
    {
        _log.Mark(LineUse.Action);
        _task = null;
        _tables.Reset();
        var body = line.Body;
        string title, description;
        string? period = null;
        var stop = body.IndexOf('。', StringComparison.Ordinal);
        stop = stop < 0 ? body.Length : stop;
        var periodMatch = PeriodParen().Matches(body).FirstOrDefault(m => m.Index < stop && _milestones.IsPeriod(m.Groups["p"].Value));
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
            Title = ImportText.Cap(title.Trim().TrimEnd('。', '，', '：', ':'), 200),
            Period = period is null ? null : ImportText.Cap(period, 64),
        };
        if (period is not null)
        {
            _milestones.ReadPeriod(action, period);
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

    // The whole document is one action, titled as the plan; its top-level sections are the action's sub-sections.
    private void StartDocumentAction()
    {
        var state = new ActionState(new PlanAction { Number = _actions.Count + 1, Title = ImportText.Cap(_plan.Title, 200) }, 0);
        _actions.Add(state);
        _current = state;
    }

    private void ProcessInAction(ActionState state, PlanLine line)
    {
        var text = line.Body;
        if (line.Sub != SubKind.None)
        {
            state.Sub = line.Sub;
            state.SubLevel = line.Level;
            text = line.SubRest;
            if (text.Length == 0)
            {
                _log.Mark(LineUse.Label);
                return;
            }
        }
        else if (line.Level is > 0 and < 4 && line.Level > state.Level && (state.SubLevel == 0 || line.Level <= state.SubLevel || state.Sub == SubKind.Other))
        {
            // An unknown sub-heading (4. 保障措施 …): its items read like requirements. (An item numbered deeper than
            // a numbered label — （一） under 二、时间节点 — stays in that sub-section.)
            state.Sub = SubKind.Other;
            state.SubLevel = line.Level;
            if (ImportText.IsHeadingTitle(line.Body))
            {
                _log.Mark(LineUse.Label);
                return;
            }
        }

        var before = text;
        text = _parties.ApplyFieldsAndNotes(state, text, out var deadline, out var deadlineText);
        if (!ReferenceEquals(before, text))
        {
            _log.Mark(LineUse.Responsibility);
        }

        if (deadline is not null)
        {
            _milestones.Add(state, deadline, $"{state.Action.Title}（完成时限：{deadlineText}）", deadline.Recurrence);
            state.Action.Period ??= ImportText.Cap(deadlineText!, 64);
        }

        if (text.Length == 0)
        {
            return;
        }

        switch (state.Sub)
        {
            case SubKind.None:
                if (ImportText.CjkShare(text) >= 0.5)
                {
                    _log.Mark(LineUse.Description);
                    state.DescriptionLines.Add(text);
                }
                else
                {
                    _log.Unparsed(line.Text);
                }

                break;
            case SubKind.Schedule:
                _log.Mark(LineUse.Milestone);
                TargetReader.Read(state, text);
                if (!_milestones.ReadSchedule(state, text))
                {
                    _log.Unparsed(line.Text);
                }

                break;
            case SubKind.Responsibility:
                _log.Mark(LineUse.Responsibility);
                if (!_parties.ReadList(state, text))
                {
                    _log.Unparsed(line.Text);
                }

                break;
            default:
                ReadRequirement(state, text, line.Text);
                break;
        }
    }

    private void ProcessGeneral(PlanLine line)
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
                _log.Unparsed(text);
                return;
            }

            _log.Mark(LineUse.Responsibility);
            var rest = _parties.ApplyFieldsAndNotes(_task, body, out var deadline, out var deadlineText);
            if (deadline is not null)
            {
                _milestones.SetTaskDeadline(_task, deadline, deadlineText!);
            }

            if (rest.Length > 0)
            {
                _log.Unparsed(rest);
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
        if (hasInline || NextIsField(line) || (line.Level >= 3 && _milestones.IsDatedTask(body)) || (line.Level > 0 && SpanHasField(line)))
        {
            _log.Mark(LineUse.Task);
            _task = CreateTask(body);
            _taskLevel = line.Level;
            return;
        }

        if (line.Level > 0 && ImportText.IsHeadingTitle(line.Body))
        {
            _log.Mark(LineUse.Heading);
            _group = line.Body;
            return;
        }

        if (line.Level == 0 && line.Sub != SubKind.None && line.SubRest.Length == 0)
        {
            _log.Mark(LineUse.Label);
            return;
        }

        if (DutyReader.ReadGeneral(_plan, body) > 0)
        {
            _log.Mark(LineUse.Duty);
            return;
        }

        // Under 工作目标/主要目标 a sentence with a horizon and numbers (到2025年底…增长7%以上) is the plan's goal: background.
        if ((ImportText.IsProse(text) && !HasSignal(text)) || (_group is not null && GoalHeading().IsMatch(_group) && ImportText.CjkShare(text) >= 0.6))
        {
            _log.Mark(LineUse.Background);
            _result.BackgroundLines++;
            return;
        }

        _log.Unparsed(text);
    }

    // ---- sections of an action ----------------------------------------------------------------------------

    private void ReadRequirement(ActionState state, string text, string original)
    {
        if (ImportText.CjkShare(text) < 0.5)
        {
            _log.Unparsed(original);
            return;
        }

        _log.Mark(LineUse.Requirement);
        state.RequirementLines.Add(text);
        _parties.RecordSubjectUnits(text);
        var targets = TargetReader.Read(state, text);
        var duties = DutyReader.Read(state, text);
        if (targets == 0 && duties == 0)
        {
            _result.OpenRequirements.Add(new RequirementSentence(state.Action.Number, ImportText.Cap(text, ImportText.MaxText)));
        }
    }

    // ---- task-split documents -----------------------------------------------------------------------------

    private ActionState CreateTask(string body)
    {
        var action = new PlanAction { Number = _actions.Count + 1 };
        var state = new ActionState(action, 99) { IsTask = true };
        _actions.Add(state);
        var text = _parties.ApplyFieldsAndNotes(state, body, out var deadline, out var deadlineText);
        text = text.Trim().TrimEnd('，', ',', '；', ';');
        action.Title = ImportText.Cap(ImportText.TitleOf(text), 200);
        state.TaskText = text;
        if (_group is not null)
        {
            state.DescriptionLines.Add(_group);
        }

        if (text.Length > action.Title.Length)
        {
            state.DescriptionLines.Add(text);
        }

        TargetReader.Read(state, text);
        DutyReader.Read(state, text);
        if (deadline is not null)
        {
            _milestones.SetTaskDeadline(state, deadline, deadlineText!);
        }
        else
        {
            _milestones.ReadTask(state, text);
        }

        _parties.RecordSubjectUnits(text);
        return state;
    }

    // A line inside a task heading's span ("2. 主要措施：每月通报一次"): its targets, duties and text belong to the task.
    private void ReadTaskContent(ActionState state, PlanLine line)
    {
        _log.Mark(LineUse.Task);
        var text = line.Sub != SubKind.None ? line.SubRest : line.Body;
        text = _parties.ApplyFieldsAndNotes(state, text, out var deadline, out var deadlineText);
        if (deadline is not null)
        {
            _milestones.SetTaskDeadline(state, deadline, deadlineText!);
        }

        if (text.Length == 0)
        {
            return;
        }

        if (ImportText.CjkShare(text) < 0.5)
        {
            _log.Unparsed(line.Text);
            return;
        }

        state.DescriptionLines.Add(text);
        TargetReader.Read(state, text);
        DutyReader.Read(state, text);
    }

    // A heading whose own lines carry task fields (责任单位：…, 完成时限：…) is a task.
    private bool SpanHasField(PlanLine heading)
    {
        var lines = _outline.Lines;
        for (var j = heading.Index + 1; j < lines.Count; j++)
        {
            var l = lines[j];
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
    private bool NextIsField(PlanLine line)
    {
        var lines = _outline.Lines;
        for (var j = line.Index + 1; j < lines.Count; j++)
        {
            var next = lines[j];
            if (next.Text.Length > 0)
            {
                return ResponsibilityReader.StartsWithField(next.Body) && (next.Level == 0 || next.Level > line.Level);
            }
        }

        return false;
    }

    // Dates, numbers, cadences or fields make a general line something to act on, not background.
    private bool HasSignal(string text) =>
        TargetExtractor.HasNumberSignal(text) || DutyExtractor.HasCadence(text) || ResponsibilityReader.ReadFields(text).Count > 0
        || _milestones.HasActionableDate(text);

    // ---- tables flattened to text -------------------------------------------------------------------------

    private bool TryTable(PlanLine line)
    {
        switch (_tables.Read(line.Text, out var row))
        {
            case TableReader.Kind.Header:
                _log.Mark(LineUse.TableHeader);
                _task = null;
                return true;
            case TableReader.Kind.Rule:
                _log.Mark(LineUse.TableHeader);
                return true;
            case TableReader.Kind.Row:
                _log.Mark(LineUse.Task);
                TaskFromRow(row!);
                return true;
            default:
                return false;
        }
    }

    private void TaskFromRow(TableRow row)
    {
        var state = CreateTask(row.TaskText());
        foreach (var (key, role) in new[]
        {
            (TableRow.Lead, ResponsibilityReader.Lead), (TableRow.Responsible, ResponsibilityReader.Responsible),
            (TableRow.Support, ResponsibilityReader.Support), (TableRow.Leader, ResponsibilityReader.LeaderRole),
        })
        {
            if (row.Cell(key) is { Length: > 0 } value)
            {
                _parties.AddParties(state, role, value, row.ToString());
            }
        }

        if (row.Cell(TableRow.Deadline) is { Length: > 0 } deadlineText)
        {
            if ((_milestones.Dates.ParseLeading(deadlineText) ?? _milestones.Dates.Find(deadlineText)) is { } spec)
            {
                _milestones.SetTaskDeadline(state, spec, deadlineText);
            }
            else
            {
                _log.Unparsed(row.ToString());
            }
        }

        _task = null;
    }

    // ---- end ----------------------------------------------------------------------------------------------

    private void Finish()
    {
        foreach (var state in _actions)
        {
            var action = state.Action;
            _parties.Assign(state);
            TargetReader.SetSubjects(action);
            DutyReader.SetLevels(action);

            var description = new List<string>(state.DescriptionLines);
            if (state.RequirementLines.Count > 0)
            {
                description.Add("具体要求：");
                description.AddRange(state.RequirementLines);
            }

            action.Description = description.Count == 0 ? null : ImportText.Cap(string.Join('\n', description), 15000);
            _plan.Actions.Add(action);
        }

        DutyReader.SetGeneralLevels(_plan);
        _result.Units.AddRange(_parties.Units());
    }

    [GeneratedRegex("^(?:工作目标|主要目标|总体目标|目标要求|发展目标|预期目标)")]
    private static partial Regex GoalHeading();

    [GeneratedRegex(@"[（(](?<p>[^（）()]{1,24})[）)]")]
    private static partial Regex PeriodParen();
}
