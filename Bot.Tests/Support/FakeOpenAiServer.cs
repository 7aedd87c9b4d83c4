using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Support;

/// <summary>A canned answer of <see cref="FakeOpenAiServer"/>: status, body and an optional delay before answering.</summary>
public sealed record FakeResponse(int StatusCode, string Body, TimeSpan Delay = default, string ContentType = "application/json");

/// <summary>One request the fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body)
{
    public JsonDocument Json() => JsonDocument.Parse(Body);
}

/// <summary>
/// A local OpenAI-compatible chat endpoint on 127.0.0.1 (random port) for tests: answers from a queue of canned
/// responses (chat messages, tool calls, error statuses, delays) and records every request. With an empty queue it
/// answers 503. Point a client at <see cref="Endpoint"/> (…/v1; the SDK appends /chat/completions).
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test";
    public const string Model = "fake-model";

    private readonly ConcurrentQueue<FakeResponse> _responses = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private WebApplication? _app;

    private FakeOpenAiServer()
    {
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The OpenAI-style endpoint, e.g. <c>http://127.0.0.1:5123/v1</c>.</summary>
    public Uri Endpoint => new(BaseAddress, "v1");

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Configuration pairs (<c>Llm:*</c>) that point the bot at this server.</summary>
    public IReadOnlyDictionary<string, string?> Settings(int timeoutSeconds = 20) => new Dictionary<string, string?>
    {
        ["Llm:Endpoint"] = Endpoint.ToString(),
        ["Llm:Model"] = Model,
        ["Llm:ApiKey"] = ApiKey,
        ["Llm:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var server = new FakeOpenAiServer();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        server._app = app;
        return server;
    }

    public void Enqueue(FakeResponse response) => _responses.Enqueue(response);

    /// <summary>Answers the next request with an assistant message whose content is <paramref name="content"/>.</summary>
    public void EnqueueChat(string content, TimeSpan delay = default) => Enqueue(new FakeResponse(200, ChatCompletion(content), delay));

    /// <summary>Answers the next request by asking the client to call a function (<c>Plugin-function</c>).</summary>
    public void EnqueueToolCall(string function, string argumentsJson) => Enqueue(new FakeResponse(200, ToolCall(function, argumentsJson)));

    /// <summary>Answers the next request with an error status.</summary>
    public FakeOpenAiServer EnqueueStatus(int statusCode, string body = """{"error":{"message":"fake failure","type":"server_error"}}""")
    {
        Enqueue(new FakeResponse(statusCode, body));
        return this;
    }

    /// <summary>Queues a chat completion answering <paramref name="content"/>, optionally after a delay.</summary>
    public FakeOpenAiServer EnqueueChatReply(string content, TimeSpan delay = default)
    {
        EnqueueChat(content, delay);
        return this;
    }

    public static string ChatCompletion(string content) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1,
        model = Model,
        choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content } } },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    });

    public static string ToolCall(string function, string argumentsJson) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake-tool",
        @object = "chat.completion",
        created = 1,
        model = Model,
        choices = new[]
        {
            new
            {
                index = 0,
                finish_reason = "tool_calls",
                message = new
                {
                    role = "assistant",
                    content = (string?)null,
                    tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = function, arguments = argumentsJson } } },
                },
            },
        },
        usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
    });

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.Headers.Authorization.FirstOrDefault(), body));
        var response = _responses.TryDequeue(out var next)
            ? next
            : new FakeResponse(503, """{"error":{"message":"no canned response queued","type":"server_error"}}""");
        if (response.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(response.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
