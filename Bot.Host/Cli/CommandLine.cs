namespace Bot.Host.Cli;

/// <summary>The verb and its arguments, split from host options (<c>--urls</c>, <c>--Database:Provider=…</c>).</summary>
public sealed record CommandLine(string Verb, IReadOnlyList<string> Arguments)
{
    private static readonly HashSet<string> Verbs = new(StringComparer.Ordinal)
    {
        "serve", "parse", "plan", "db", "digest", "remind", "chat", "roster", "export", "dashboard",
    };

    public static CommandLine Parse(string[] args)
    {
        if (args.Length > 0 && Verbs.Contains(args[0]))
        {
            return new CommandLine(args[0], args[1..]);
        }

        return new CommandLine("serve", args);
    }

    /// <summary>True when the flag (e.g. <c>--json</c>) is present.</summary>
    public bool Has(string flag) => Arguments.Contains(flag, StringComparer.Ordinal);

    /// <summary>The value after an option (e.g. <c>--year 2026</c> or <c>--year=2026</c>).</summary>
    public string? Value(string option)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            if (string.Equals(Arguments[i], option, StringComparison.Ordinal) && i + 1 < Arguments.Count)
            {
                return Arguments[i + 1];
            }

            if (Arguments[i].StartsWith(option + "=", StringComparison.Ordinal))
            {
                return Arguments[i][(option.Length + 1)..];
            }
        }

        return null;
    }

    /// <summary>Arguments that are neither options nor option values.</summary>
    public IReadOnlyList<string> Positionals(params string[] optionsWithValues)
    {
        var result = new List<string>();
        for (var i = 0; i < Arguments.Count; i++)
        {
            var a = Arguments[i];
            if (optionsWithValues.Contains(a, StringComparer.Ordinal))
            {
                i++;
                continue;
            }

            if (!a.StartsWith("--", StringComparison.Ordinal))
            {
                result.Add(a);
            }
        }

        return result;
    }

    /// <summary>Host configuration switches passed through (e.g. <c>--urls</c>, <c>--Database:Provider=MySql</c>).</summary>
    public string[] HostArgs()
    {
        var result = new List<string>();
        for (var i = 0; i < Arguments.Count; i++)
        {
            var a = Arguments[i];
            if (a.StartsWith("--urls", StringComparison.Ordinal) || (a.StartsWith("--", StringComparison.Ordinal) && a.Contains(':', StringComparison.Ordinal)))
            {
                result.Add(a);
                if (!a.Contains('=', StringComparison.Ordinal) && i + 1 < Arguments.Count)
                {
                    result.Add(Arguments[++i]);
                }
            }
        }

        return [.. result];
    }
}
