using System.Globalization;
using System.Text;
using Bot.Host.Dashboard.Security;

namespace Bot.Host.Cli;

/// <summary><c>dashboard hash-password [--iterations N]</c>: reads a password from stdin and prints its hash for <c>Dashboard:Users:N:PasswordHash</c>.</summary>
public static class DashboardVerb
{
    public const string Usage = "用法 / usage: dashboard hash-password [--iterations 600000]   （从标准输入读取密码 / reads the password from stdin）";

    public static async Task<int> RunAsync(CommandLine command, TextReader input, TextWriter output)
    {
        if (command.Positionals("--iterations") is not ["hash-password"])
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var iterations = DashboardPasswords.DefaultIterations;
        if (command.Value("--iterations") is { } text &&
            (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < DashboardPasswords.MinIterations))
        {
            await Console.Error.WriteLineAsync($"迭代次数至少 {DashboardPasswords.MinIterations} / --iterations must be at least {DashboardPasswords.MinIterations}.");
            return 2;
        }

        var password = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected ? ReadHidden() : await input.ReadLineAsync();
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            await Console.Error.WriteLineAsync("密码至少10位 / the password must have at least 10 characters.");
            return 1;
        }

        await output.WriteLineAsync(DashboardPasswords.Hash(password, iterations));
        return 0;
    }

    private static string ReadHidden()
    {
        Console.Error.Write("请输入密码 / password: ");
        var builder = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (builder.Length > 0)
                {
                    builder.Length--;
                }

                continue;
            }

            builder.Append(key.KeyChar);
        }

        Console.Error.WriteLine();
        return builder.ToString();
    }
}
