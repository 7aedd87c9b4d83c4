using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Data.Connections;

/// <summary>
/// Dapper type handlers: <see cref="DateOnly"/> as DATE / ISO text and <see cref="DateTimeOffset"/> as UTC
/// (DATETIME(6) on MySQL, fixed-width sortable text on SQLite).
/// </summary>
public static class SqlTypeHandlers
{
    private static int _registered;

    public const string SqliteTimestampFormat = "yyyy-MM-dd HH:mm:ss.fffffff";

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.Date;
                parameter.Value = value.ToDateTime(TimeOnly.MinValue);
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            string s => DateOnly.ParseExact(s.Length > 10 ? s[..10] : s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new InvalidCastException($"Cannot read {value.GetType()} as DateOnly."),
        };
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = value.UtcDateTime.ToString(SqliteTimestampFormat, CultureInfo.InvariantCulture);
            }
            else
            {
                parameter.DbType = DbType.DateTime;
                parameter.Value = value.UtcDateTime;
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset o => o.ToUniversalTime(),
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new InvalidCastException($"Cannot read {value.GetType()} as DateTimeOffset."),
        };
    }
}
