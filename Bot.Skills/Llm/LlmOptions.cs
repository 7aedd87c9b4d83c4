namespace Bot.Skills.Llm;

/// <summary>
/// The <c>Llm</c> configuration section: an OpenAI-compatible chat endpoint (DeepSeek, Qwen, Ollama, vLLM …).
/// With no endpoint, model or key the bot runs on rules alone.
/// </summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    /// <summary>Base URL of the OpenAI-compatible API, e.g. <c>https://api.deepseek.com/v1</c> (…/chat/completions is appended).</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Model id, e.g. <c>deepseek-chat</c>, <c>qwen-plus</c>.</summary>
    public string Model { get; set; } = "";

    /// <summary>API key (from an environment variable or user secrets, never the repository).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>How long one LLM call may take before the rules result is used instead.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Messages the rules parse with a confidence below this go to the LLM.</summary>
    public double ConfidenceThreshold { get; set; } = 0.6;

    /// <summary>True when endpoint, model and key are all set.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model) && !string.IsNullOrWhiteSpace(ApiKey) &&
        Uri.TryCreate(Endpoint, UriKind.Absolute, out _);
}
