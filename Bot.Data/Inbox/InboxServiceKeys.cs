namespace Bot.Data.Inbox;

/// <summary>Service keys of the inbox's repositories.</summary>
public static class InboxServiceKeys
{
    /// <summary>The inbox repository on the acknowledgement path's own connection pool (<see cref="Connections.DatabaseOptions.IngestPoolSize"/>).</summary>
    public const string Ingest = "ingest";
}
