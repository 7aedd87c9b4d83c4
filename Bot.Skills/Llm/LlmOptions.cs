namespace Bot.Skills.Llm;

/// <summary>
/// An OpenAI-compatible chat endpoint (DeepSeek, Qwen, Ollama, vLLM …), section <c>Llm</c>. Optional: with no endpoint,
/// model and key the bot runs on rules only.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Base address including the version path, e.g. <c>https://api.deepseek.com/v1</c>.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Time allowed for one request.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model) && !string.IsNullOrWhiteSpace(ApiKey) &&
        Uri.TryCreate(Endpoint, UriKind.Absolute, out _);
}
