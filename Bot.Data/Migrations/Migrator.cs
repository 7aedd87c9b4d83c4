using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Bot.Data.Connections;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Bot.Data.Migrations;

/// <summary>One embedded migration script.</summary>
public sealed record MigrationScript(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded, numbered <c>.sql</c> scripts of the current dialect that are not yet recorded in
/// <c>schema_version</c> (journaled by file name, so two scripts written in parallel with the same number both run).
/// Scripts are idempotent (<c>IF NOT EXISTS</c>), so a crash mid-script is repaired by a rerun.
/// </summary>
public sealed class Migrator(IDbConnectionFactory connections, ILogger<Migrator> logger)
{
    private const string JournalDdl = """
        CREATE TABLE IF NOT EXISTS schema_version (
          name VARCHAR(128) NOT NULL PRIMARY KEY,
          version INT NOT NULL,
          applied_at VARCHAR(40) NOT NULL
        )
        """;

    /// <summary>The scripts shipped for <paramref name="provider"/>, ordered by version.</summary>
    public static IReadOnlyList<MigrationScript> Scripts(DatabaseProvider provider)
    {
        var assembly = typeof(Migrator).Assembly;
        var prefix = $"{typeof(Migrator).Namespace}.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(s => s.Version)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Highest applied version, or 0 on an empty database.</summary>
    public async Task<int> CurrentVersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(JournalDdl, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<int?>(
            new CommandDefinition("SELECT MAX(version) FROM schema_version", cancellationToken: cancellationToken)) ?? 0;
    }

    /// <summary>Applies every pending script; returns the schema version afterwards.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await CurrentVersionAsync(cancellationToken);
        HashSet<string> applied;
        await using (var connection = await connections.OpenAsync(cancellationToken))
        {
            applied = (await connection.QueryAsync<string>(new CommandDefinition("SELECT name FROM schema_version", cancellationToken: cancellationToken)))
                .ToHashSet(StringComparer.Ordinal);
        }

        foreach (var script in Scripts(connections.Dialect.Provider).Where(s => !applied.Contains(s.Name)))
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            await ApplyAsync(connection, script, cancellationToken);
            logger.LogInformation("Applied migration {Version} {Name}", script.Version, script.Name);
        }

        return await CurrentVersionAsync(cancellationToken);
    }

    private static async Task ApplyAsync(DbConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        foreach (var statement in SplitStatements(script.Sql))
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
            new { script.Version, script.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
            cancellationToken: cancellationToken));
    }

    /// <summary>Splits a script on semicolons that end a line, dropping comment-only lines.</summary>
    internal static IEnumerable<string> SplitStatements(string sql)
    {
        var lines = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal));
        var current = new List<string>();
        foreach (var line in lines)
        {
            current.Add(line);
            if (line.TrimEnd().EndsWith(';'))
            {
                var statement = string.Join('\n', current).Trim().TrimEnd(';');
                current.Clear();
                if (statement.Length > 0)
                {
                    yield return statement;
                }
            }
        }

        var rest = string.Join('\n', current).Trim();
        if (rest.Length > 0)
        {
            yield return rest;
        }
    }

    private static MigrationScript Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing migration resource {resource}.");
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..underscore].TrimStart('_'), CultureInfo.InvariantCulture);
        return new MigrationScript(version, fileName, reader.ReadToEnd());
    }
}
