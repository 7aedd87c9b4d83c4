using Bot.Data.Inbox;
using Microsoft.Extensions.Options;

namespace Bot.Host.Channels.WeCom;

/// <summary>
/// <c>/webhooks/wecom/app</c>, the self-built app's callback (1:1 messages): GET URL verification, POST encrypted XML.
/// Verifies, decrypts, stores the message in the inbox (a redelivery is acknowledged and dropped), wakes the worker and
/// answers an empty 200 at once; the reply goes out later through <c>message/send</c>.
/// </summary>
public sealed class WeComAppCallback(
    IOptions<WeComOptions> options,
    Bot.Host.Inbox.InboxAdmission admission,
    InboxSignal signal,
    TimeProvider time,
    ILogger<WeComAppCallback> logger)
{
    private const string Keys = "WeCom__Token, WeCom__EncodingAesKey, WeCom__CorpId";

    private readonly WeComCrypto? _crypto = options.Value.AppCallbackConfigured
        ? new WeComCrypto(options.Value.Token, options.Value.EncodingAesKey, options.Value.CorpId)
        : null;

    public IResult Verify(HttpRequest request) => _crypto is null
        ? WeComHttp.NotConfigured("企业微信应用回调", "the WeCom app callback", Keys)
        : WeComHttp.Verify(request, _crypto, options.Value.TimestampToleranceSeconds, time);

    public async Task<IResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (_crypto is null)
        {
            return WeComHttp.NotConfigured("企业微信应用回调", "the WeCom app callback", Keys);
        }

        var query = WeComCallbackQuery.From(request);
        if (query is null)
        {
            return WeComHttp.Unauthorized("缺少签名参数 / msg_signature, timestamp and nonce are required.");
        }

        var body = await WeComHttp.ReadBodyAsync(request, cancellationToken);
        if (body is null)
        {
            return WeComHttp.TooLarge();
        }

        InboxMessage? message;
        try
        {
            var encrypt = WeComInbound.EncryptOfXml(body);
            if (!query.IsFresh(options.Value.TimestampToleranceSeconds, time))
            {
                return WeComHttp.Unauthorized("时间戳无效或已过期 / timestamp is invalid or outside the allowed window.");
            }

            var plaintext = _crypto.VerifyAndDecrypt(query.Signature, query.Timestamp, query.Nonce, encrypt);
            message = WeComInbound.FromAppMessage(plaintext, options.Value.AgentId, time.GetUtcNow());
        }
        catch (WeComCryptoException ex)
        {
            WeComLog.CallbackRejected(logger, "app", ex.Message);
            return WeComHttp.CryptoFailure(ex);
        }
        catch (WeComFormatException ex)
        {
            WeComLog.CallbackRejected(logger, "app", ex.Message);
            return WeComHttp.BadRequest(ex.Message);
        }

        if (message is null)
        {
            WeComLog.EventAcknowledged(logger, "app");
            return Results.Ok();
        }

        if (await admission.TryAddAsync(message, cancellationToken))
        {
            signal.Signal.Notify();
            WeComLog.MessageStored(logger, "app", message.MessageId, message.SenderId, message.ChatId ?? "1:1");
        }
        else
        {
            WeComLog.MessageDuplicate(logger, "app", message.MessageId);
        }

        return Results.Ok();
    }
}
