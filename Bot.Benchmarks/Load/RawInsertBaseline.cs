using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Bot.Data.Connections;
using Dapper;
using Microsoft.Data.Sqlite;
using MySqlConnector;

namespace Bot.Benchmarks.Load;

/// <summary>
/// The baseline of a load run: how many inbox-shaped rows per second the same database takes from plain single-row
/// autocommit INSERTs (a copy of the inbox table, same columns and payload size), at the driver's concurrency. The
/// bot's ingest is reported as a share of it.
/// </summary>
public static class RawInsertBaseline
{
    public static async Task<double> MeasureAsync(DatabaseProvider provider, string connectionString, TimeSpan duration, int concurrency)
    {
        await using (var setup = await OpenAsync(provider, connectionString))
        {
            if (provider == DatabaseProvider.MySql)
            {
                await setup.ExecuteAsync("DROP TABLE IF EXISTS raw_inbox");
                await setup.ExecuteAsync("CREATE TABLE raw_inbox LIKE inbox");
            }
            else
            {
                var ddl = await setup.ExecuteScalarAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'inbox'");
                await setup.ExecuteAsync("DROP TABLE IF EXISTS raw_inbox");
                await setup.ExecuteAsync(ddl!.Replace("inbox", "raw_inbox", StringComparison.Ordinal));
            }
        }

        var raw = new string('x', 600);
        var text = LoadTexts.For(0);
        var clock = Stopwatch.StartNew();
        var rows = 0L;
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var n = 0;
            while (clock.Elapsed < duration)
            {
                await using var connection = await OpenAsync(provider, connectionString);
                await connection.ExecuteAsync("""
                    INSERT INTO raw_inbox (platform, message_id, chat_id, sender_id, sender_name, text, images, raw, reply_to, received_at, state, attempts, next_attempt_at)
                    VALUES (@Platform, @MessageId, NULL, @Sender, NULL, @Text, 0, @Raw, NULL, @Now, 'pending', 0, @Now)
                    """, new
                {
                    Platform = "wecom",
                    MessageId = string.Create(CultureInfo.InvariantCulture, $"raw-{w}-{n++}"),
                    Sender = string.Create(CultureInfo.InvariantCulture, $"lw{w:D4}"),
                    Text = text,
                    Raw = raw,
                    Now = DateTime.UtcNow,
                });
                Interlocked.Increment(ref rows);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var rate = rows / clock.Elapsed.TotalSeconds;
        await using (var cleanup = await OpenAsync(provider, connectionString))
        {
            await cleanup.ExecuteAsync("DROP TABLE IF EXISTS raw_inbox");
        }

        return rate;
    }

    private static async Task<DbConnection> OpenAsync(DatabaseProvider provider, string connectionString)
    {
        DbConnection connection = provider == DatabaseProvider.MySql ? new MySqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        if (connection is SqliteConnection)
        {
            await connection.ExecuteAsync("PRAGMA busy_timeout = 10000");
        }

        return connection;
    }
}
