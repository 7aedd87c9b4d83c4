namespace Bot.Skills.Conversation;

/// <summary>Where a conversation with one sender in one chat stands.</summary>
public enum DialogState
{
    /// <summary>Nothing pending.</summary>
    Idle,

    /// <summary>The bot asked for one missing field of one report and waits (until the state expires).</summary>
    AwaitingField,
}

/// <summary>What a message is, decided before anything is done with it.</summary>
public enum MessageKind
{
    /// <summary>Fills the field the pending follow-up asked for (only possible while awaiting).</summary>
    Answer,
    Question,
    Command,
    Report,
    Correction,
    Withdrawal,
    Restore,
    Chatter,

    /// <summary>None of the above; while awaiting, an answer that does not fill the asked field.</summary>
    Unclear,
}

/// <summary>What the router does with a message.</summary>
public enum DialogAction
{
    StoreReport,
    FillField,
    AnswerQuestion,
    RunCommand,
    Correct,
    Withdraw,
    Restore,
    Chat,

    /// <summary>Repeats the pending question with an example of a valid answer.</summary>
    Reask,

    /// <summary>Lists what can be asked and said, with examples.</summary>
    ExplainCapabilities,
}

/// <summary>What happens to the pending follow-up after the action.</summary>
public enum DialogNext
{
    /// <summary>No pending state afterwards.</summary>
    Idle,

    /// <summary>The pending state stays as it was.</summary>
    Keep,

    /// <summary>The report just stored or completed decides: a follow-up for its next missing field, or idle.</summary>
    AskIfMissing,

    /// <summary>Idle when the action withdrew the pending report, otherwise kept.</summary>
    KeepUnlessPendingReportTouched,
}

public readonly record struct DialogTransition(DialogAction Action, DialogNext Next);

/// <summary>
/// The conversation state machine: (state, message kind) → (action, next state). Every message is handled as what it
/// is; a pending follow-up only ever takes a message that fills the field it asked for.
/// </summary>
public static class ConversationMachine
{
    private static readonly Dictionary<(DialogState, MessageKind), DialogTransition> Table = new()
    {
        [(DialogState.Idle, MessageKind.Answer)] = new(DialogAction.ExplainCapabilities, DialogNext.Idle),
        [(DialogState.Idle, MessageKind.Question)] = new(DialogAction.AnswerQuestion, DialogNext.Idle),
        [(DialogState.Idle, MessageKind.Command)] = new(DialogAction.RunCommand, DialogNext.Idle),
        [(DialogState.Idle, MessageKind.Report)] = new(DialogAction.StoreReport, DialogNext.AskIfMissing),
        [(DialogState.Idle, MessageKind.Correction)] = new(DialogAction.Correct, DialogNext.Idle),
        [(DialogState.Idle, MessageKind.Withdrawal)] = new(DialogAction.Withdraw, DialogNext.Idle),
        [(DialogState.Idle, MessageKind.Restore)] = new(DialogAction.Restore, DialogNext.Idle),
        [(DialogState.Idle, MessageKind.Chatter)] = new(DialogAction.Chat, DialogNext.Idle),
        [(DialogState.Idle, MessageKind.Unclear)] = new(DialogAction.ExplainCapabilities, DialogNext.Idle),

        [(DialogState.AwaitingField, MessageKind.Answer)] = new(DialogAction.FillField, DialogNext.AskIfMissing),
        [(DialogState.AwaitingField, MessageKind.Question)] = new(DialogAction.AnswerQuestion, DialogNext.Keep),
        [(DialogState.AwaitingField, MessageKind.Command)] = new(DialogAction.RunCommand, DialogNext.Keep),
        [(DialogState.AwaitingField, MessageKind.Report)] = new(DialogAction.StoreReport, DialogNext.AskIfMissing),
        [(DialogState.AwaitingField, MessageKind.Correction)] = new(DialogAction.Correct, DialogNext.Keep),
        [(DialogState.AwaitingField, MessageKind.Withdrawal)] = new(DialogAction.Withdraw, DialogNext.KeepUnlessPendingReportTouched),
        [(DialogState.AwaitingField, MessageKind.Restore)] = new(DialogAction.Restore, DialogNext.Keep),
        [(DialogState.AwaitingField, MessageKind.Chatter)] = new(DialogAction.Chat, DialogNext.Keep),
        [(DialogState.AwaitingField, MessageKind.Unclear)] = new(DialogAction.Reask, DialogNext.Keep),
    };

    /// <summary>Every (state, kind) pair with its transition, for documentation and tests.</summary>
    public static IReadOnlyDictionary<(DialogState State, MessageKind Kind), DialogTransition> Transitions => Table;

    public static DialogTransition Decide(DialogState state, MessageKind kind) => Table[(state, kind)];
}
