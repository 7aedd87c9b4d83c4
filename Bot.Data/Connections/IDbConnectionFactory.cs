using System.Data.Common;

namespace Bot.Data.Connections;

/// <summary>Opens connections to the configured database and knows its SQL dialect.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    /// <summary>The connection string in use (a relative SQLite path resolved), for components that open their own connections (Quartz).</summary>
    string ConnectionString { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}
