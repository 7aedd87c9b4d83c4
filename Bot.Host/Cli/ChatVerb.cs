using Bot.Host.Channels.Sandbox;
using Bot.Host.Hosting;

namespace Bot.Host.Cli;

/// <summary><c>chat --as NAME [--chat ID]</c>: talk to the bot from the console through the Sandbox channel.</summary>
public static class ChatVerb
{
    public static async Task<int> RunAsync(CommandLine command, TextReader input, TextWriter output)
    {
        var name = command.Value("--as");
        if (string.IsNullOrWhiteSpace(name))
        {
            await Console.Error.WriteLineAsync("用法 / usage: chat --as 姓名 [--chat sandbox]");
            return 2;
        }

        var chat = command.Value("--chat") ?? SandboxService.DefaultChat;
        // The console chat is not a scheduler node (serve is); an explicit --Schedule:Enabled=true still wins.
        string[] hostArgs = ["--Schedule:Enabled=false", .. command.HostArgs()];
        await using var app = BotHost.CreateBuilder(hostArgs.Any(a => a.StartsWith("--urls", StringComparison.Ordinal)) ? hostArgs : [.. hostArgs, "--urls", "http://127.0.0.1:0"]).Build();
        app.MapBotEndpoints();
        await app.StartAsync();
        var sandbox = app.Services.GetRequiredService<SandboxService>();
        await output.WriteLineAsync($"以 {name} 的身份进入沙盒对话（输入 exit 退出）。");
        while (await input.ReadLineAsync() is { } line)
        {
            if (line.Trim() is "exit" or "quit" or "退出")
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var message = await sandbox.SubmitAsync(name, line, chat);
            var replies = await sandbox.WaitForRepliesAsync(message.Id, TimeSpan.FromSeconds(30));
            if (replies.Count == 0)
            {
                await output.WriteLineAsync("（机器人暂未回复，请稍后在会话记录中查看）");
            }

            foreach (var reply in replies)
            {
                await output.WriteLineAsync(reply.Payload);
            }

            await output.FlushAsync();
        }

        await app.StopAsync();
        return 0;
    }
}
