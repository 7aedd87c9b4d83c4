namespace Bot.Data.Common;

/// <summary>Life cycle of inbox and outbox rows: pending → leased (processing/sending) → done/sent, or back to pending with a later attempt, or failed.</summary>
public static class WorkStates
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Done = "done";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
