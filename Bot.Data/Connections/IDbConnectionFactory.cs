using System.Data.Common;

namespace Bot.Data.Connections;

/// <summary>Opens connections to the configured database and knows its SQL dialect.</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}
