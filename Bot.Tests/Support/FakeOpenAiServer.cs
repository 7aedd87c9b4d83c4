using System.Collections.Concurrent;
using System.Net;
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

/// <summary>A canned answer of the fake server: status, body, an optional delay before answering.</summary>
public sealed record FakeResponse(int Status, string Body, TimeSpan Delay = default, string ContentType = "application/json");

/// <summary>A request the fake server received.</summary>
public sealed record RecordedRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The body as JSON (for chat completions: model, messages, temperature …).</summary>
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// An OpenAI-compatible server on 127.0.0.1 (Kestrel, random port) for tests that go through the real Semantic
/// Kernel connector over real HTTP. Answers from a queue of canned responses (chat replies, status codes, delays)
/// and records every request. With the queue empty it answers 500.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeResponse> _responses = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private FakeOpenAiServer(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The API base, e.g. http://127.0.0.1:41234/v1 (the connector appends /chat/completions).</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    public FakeOpenAiServer Enqueue(FakeResponse response)
    {
        _responses.Enqueue(response);
        return this;
    }

    /// <summary>A 200 chat completion whose assistant message is <paramref name="content"/>.</summary>
    public FakeOpenAiServer EnqueueChatReply(string content, TimeSpan delay = default) =>
        Enqueue(new FakeResponse(200, ChatCompletion(content), delay));

    /// <summary>An error status with an OpenAI-style error body.</summary>
    public FakeOpenAiServer EnqueueStatus(int status, string message = "fake error") =>
        Enqueue(new FakeResponse(status, JsonSerializer.Serialize(new { error = new { message, type = "fake", code = status } })));

    /// <summary>The body of a non-streaming chat completion.</summary>
    public static string ChatCompletion(string content, string model = "fake-model") => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        created = 1_700_000_000,
        model,
        choices = new[] { new { index = 0, finish_reason = "stop", message = new { role = "assistant", content } } },
        usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body, headers));

        if (!_responses.TryDequeue(out var response))
        {
            response = new FakeResponse(500, """{"error":{"message":"no canned response","type":"fake"}}""");
        }

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

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }
}
