using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MySqlConnector;

namespace Bot.Data.Connections;

/// <summary>Checks the <c>Database</c> section at start-up with a bilingual message for operators.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("数据库类型无效 / Database:Provider must be Sqlite or MySql.");
        }

        if (options.SqliteMinWorkerThreads is < 0 or > 1000)
        {
            return ValidateOptionsResult.Fail("SQLite 最少工作线程数须在 0 到 1000 之间 / Database:SqliteMinWorkerThreads must be between 0 and 1000.");
        }

        if (options.Provider == DatabaseProvider.MySql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                "使用 MySQL 时必须配置连接字符串 / Database:ConnectionString is required when Database:Provider is MySql.");
        }

        try
        {
            _ = options.Provider == DatabaseProvider.MySql
                ? (object)new MySqlConnectionStringBuilder(options.EffectiveConnectionString)
                : new SqliteConnectionStringBuilder(options.EffectiveConnectionString);
        }
        catch (ArgumentException ex)
        {
            return ValidateOptionsResult.Fail($"数据库连接字符串格式错误 / Database:ConnectionString is malformed: {ex.Message}");
        }

        return ValidateOptionsResult.Success;
    }
}
