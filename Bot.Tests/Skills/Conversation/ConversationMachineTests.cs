using Bot.Skills.Conversation;

namespace Bot.Tests.Skills.Conversation;

/// <summary>The conversation state machine as a table: (state, message kind) → (action, next state).</summary>
public sealed class ConversationMachineTests
{
    [Theory]
    [InlineData(DialogState.Idle, MessageKind.Answer, DialogAction.ExplainCapabilities, DialogNext.Idle)]
    [InlineData(DialogState.Idle, MessageKind.Question, DialogAction.AnswerQuestion, DialogNext.Idle)]
    [InlineData(DialogState.Idle, MessageKind.Command, DialogAction.RunCommand, DialogNext.Idle)]
    [InlineData(DialogState.Idle, MessageKind.Report, DialogAction.StoreReport, DialogNext.AskIfMissing)]
    [InlineData(DialogState.Idle, MessageKind.Correction, DialogAction.Correct, DialogNext.Idle)]
    [InlineData(DialogState.Idle, MessageKind.Withdrawal, DialogAction.Withdraw, DialogNext.Idle)]
    [InlineData(DialogState.Idle, MessageKind.Restore, DialogAction.Restore, DialogNext.Idle)]
    [InlineData(DialogState.Idle, MessageKind.Chatter, DialogAction.Chat, DialogNext.Idle)]
    [InlineData(DialogState.Idle, MessageKind.Unclear, DialogAction.ExplainCapabilities, DialogNext.Idle)]
    [InlineData(DialogState.AwaitingField, MessageKind.Answer, DialogAction.FillField, DialogNext.AskIfMissing)]
    [InlineData(DialogState.AwaitingField, MessageKind.Question, DialogAction.AnswerQuestion, DialogNext.Keep)]
    [InlineData(DialogState.AwaitingField, MessageKind.Command, DialogAction.RunCommand, DialogNext.Keep)]
    [InlineData(DialogState.AwaitingField, MessageKind.Report, DialogAction.StoreReport, DialogNext.AskIfMissing)]
    [InlineData(DialogState.AwaitingField, MessageKind.Correction, DialogAction.Correct, DialogNext.Keep)]
    [InlineData(DialogState.AwaitingField, MessageKind.Withdrawal, DialogAction.Withdraw, DialogNext.KeepUnlessPendingReportTouched)]
    [InlineData(DialogState.AwaitingField, MessageKind.Restore, DialogAction.Restore, DialogNext.Keep)]
    [InlineData(DialogState.AwaitingField, MessageKind.Chatter, DialogAction.Chat, DialogNext.Keep)]
    [InlineData(DialogState.AwaitingField, MessageKind.Unclear, DialogAction.Reask, DialogNext.Keep)]
    public void Each_state_and_message_kind_has_one_action_and_next_state(DialogState state, MessageKind kind, DialogAction action, DialogNext next)
    {
        Assert.Equal(new DialogTransition(action, next), ConversationMachine.Decide(state, kind));
    }

    [Fact]
    public void The_table_covers_every_state_and_message_kind()
    {
        var pairs = Enum.GetValues<DialogState>().SelectMany(s => Enum.GetValues<MessageKind>().Select(k => (s, k))).ToList();

        Assert.All(pairs, p => Assert.True(ConversationMachine.Transitions.ContainsKey(p), $"{p} has no transition"));
        Assert.Equal(pairs.Count, ConversationMachine.Transitions.Count);
    }

    [Fact]
    public void Only_an_answer_fills_a_pending_field()
    {
        var filling = Enum.GetValues<MessageKind>().Where(k => ConversationMachine.Decide(DialogState.AwaitingField, k).Action == DialogAction.FillField);

        Assert.Equal([MessageKind.Answer], filling);
    }

    [Fact]
    public void While_a_follow_up_is_pending_every_other_kind_is_handled_as_what_it_is()
    {
        foreach (var kind in Enum.GetValues<MessageKind>().Where(k => k is not (MessageKind.Answer or MessageKind.Unclear)))
        {
            Assert.Equal(ConversationMachine.Decide(DialogState.Idle, kind).Action, ConversationMachine.Decide(DialogState.AwaitingField, kind).Action);
        }
    }
}
