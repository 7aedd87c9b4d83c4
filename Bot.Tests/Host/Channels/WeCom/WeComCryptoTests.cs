using System.Text;
using Bot.Host.Channels.WeCom;

namespace Bot.Tests.Host.Channels.WeCom;

public sealed class WeComCryptoTests
{
    [Fact]
    public void V1_url_verification_signature_verifies_and_echostr_decrypts_to_the_official_plaintext()
    {
        var crypto = new WeComCrypto(WeComVectors.V1.Token, WeComVectors.V1.Key, WeComVectors.V1.CorpId);

        var plain = crypto.VerifyAndDecrypt(WeComVectors.V1.VerifySignature, WeComVectors.V1.VerifyTimestamp, WeComVectors.V1.VerifyNonce, WeComVectors.V1.VerifyEchoStr);

        Assert.Equal(WeComVectors.V1.VerifyPlain, plain);
    }

    [Fact]
    public void V1_xml_message_verifies_and_decrypts_to_the_official_xml()
    {
        var crypto = new WeComCrypto(WeComVectors.V1.Token, WeComVectors.V1.Key, WeComVectors.V1.CorpId);

        var plain = crypto.VerifyAndDecrypt(WeComVectors.V1.XmlSignature, WeComVectors.V1.XmlTimestamp, WeComVectors.V1.XmlNonce, WeComVectors.V1.XmlEncrypt);

        Assert.Equal(WeComVectors.V1.XmlPlain, plain);
        Assert.Equal(228, Encoding.UTF8.GetByteCount(plain));
    }

    [Fact]
    public void V1_json_message_verifies_and_decrypts_to_the_samples_176_byte_payload()
    {
        var crypto = new WeComCrypto(WeComVectors.V1.Token, WeComVectors.V1.Key, WeComVectors.V1.CorpId);

        var plain = crypto.VerifyAndDecrypt(WeComVectors.V1.JsonSignature, WeComVectors.V1.JsonTimestamp, WeComVectors.V1.JsonNonce, WeComVectors.V1.JsonEncrypt);

        Assert.Equal(176, Encoding.UTF8.GetByteCount(plain));
        Assert.StartsWith("{ \"ToUserName\": \"wx5823bf96d3bd56c7\"", plain, StringComparison.Ordinal);
        Assert.Contains("\"AgentID\": 218", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void V2_url_verification_answers_1616140317555161061()
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, WeComVectors.V2.CorpId);

        var plain = crypto.VerifyAndDecrypt(WeComVectors.V2.VerifySignature, WeComVectors.V2.VerifyTimestamp, WeComVectors.V2.VerifyNonce, WeComVectors.V2.VerifyEchoStr);

        Assert.Equal(WeComVectors.V2.VerifyPlain, plain);
    }

    [Fact]
    public void V2_xml_message_with_a_30_byte_pad_decrypts_to_the_official_xml()
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, WeComVectors.V2.CorpId);

        var plain = crypto.VerifyAndDecrypt(WeComVectors.V2.XmlSignature, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, WeComVectors.V2.XmlEncrypt);

        Assert.Equal(WeComVectors.V2.XmlPlain, plain);
        Assert.Equal(284, Encoding.UTF8.GetByteCount(plain));
    }

    [Fact]
    public void V2_json_message_verifies_and_decrypts_to_the_official_json()
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, WeComVectors.V2.CorpId);

        var plain = crypto.VerifyAndDecrypt(WeComVectors.V2.JsonSignature, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, WeComVectors.V2.JsonEncrypt);

        Assert.Equal(WeComVectors.V2.JsonPlain, plain);
    }

    [Fact]
    public void Senparc_suite_vector_decrypts_only_with_the_suite_id_as_receiveid()
    {
        var suite = new WeComCrypto(WeComVectors.Senparc.Token, WeComVectors.Senparc.Key, WeComVectors.Senparc.SuiteId);
        var corp = new WeComCrypto(WeComVectors.Senparc.Token, WeComVectors.Senparc.Key, WeComVectors.V2.CorpId);

        var plain = suite.VerifyAndDecrypt(WeComVectors.Senparc.Signature, WeComVectors.Senparc.Timestamp, WeComVectors.Senparc.Nonce, WeComVectors.Senparc.Encrypt);
        var error = Assert.Throws<WeComCryptoException>(() =>
            corp.VerifyAndDecrypt(WeComVectors.Senparc.Signature, WeComVectors.Senparc.Timestamp, WeComVectors.Senparc.Nonce, WeComVectors.Senparc.Encrypt));

        Assert.StartsWith("<xml><SuiteId><![CDATA[tj99bf85a7c6525277]]></SuiteId>", plain, StringComparison.Ordinal);
        Assert.Contains("<InfoType><![CDATA[create_auth]]></InfoType>", plain, StringComparison.Ordinal);
        Assert.Equal(WeComCryptoError.ValidateReceiveId, error.Error);
    }

    [Fact]
    public void Senparc_wrong_key_fixture_fails_the_signature_and_does_not_decrypt_to_garbage()
    {
        var crypto = new WeComCrypto(WeComVectors.Senparc.Token, WeComVectors.Senparc.Key, WeComVectors.Senparc.SuiteId);

        var signature = Assert.Throws<WeComCryptoException>(() =>
            crypto.VerifyAndDecrypt(WeComVectors.Senparc.Signature, WeComVectors.Senparc.Timestamp, WeComVectors.Senparc.Nonce, WeComVectors.Senparc.WrongKeyEncrypt));
        var decrypt = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(WeComVectors.Senparc.WrongKeyEncrypt));

        Assert.Equal(WeComCryptoError.ValidateSignature, signature.Error);
        Assert.Equal(WeComCryptoError.IllegalBuffer, decrypt.Error);
    }

    [Fact]
    public void Go_sample_comment_block_does_not_verify_with_the_reused_xml_signature()
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, WeComVectors.V2.CorpId);

        Assert.False(crypto.VerifySignature(WeComVectors.V2.XmlSignature, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, WeComVectors.V2.GoCommentEncrypt));
        Assert.Equal(WeComVectors.V2.GoCommentComputedSignature,
            WeComCrypto.ComputeSignature(WeComVectors.V2.Token, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, WeComVectors.V2.GoCommentEncrypt));
    }

    [Fact]
    public void Signature_hashes_utf8_not_ascii_so_senparcs_question_mark_expectation_is_not_reproduced()
    {
        var signature = WeComCrypto.ComputeSignature("Senparc", "Weixin", "QY", "盛派网络");

        Assert.Equal("c0b8430b034821fa675d10b5a9349022b2cf7797", signature);
        Assert.NotEqual("7f374c198863ee83d28532eb764dc0d6ecf03c66", signature);
    }

    [Fact]
    public void Signature_sorts_ordinally_not_by_culture()
    {
        // Ordinal order is B2, _x, a1, zz: sha1("B2_xa1zz"). A culture-aware sort would give _x, a1, B2.
        Assert.Equal("5d8b2d531c0405d40e2124b77789381f5b349935", WeComCrypto.ComputeSignature("a1", "B2", "_x", "zz"));
    }

    [Fact]
    public void A_tampered_signature_timestamp_or_ciphertext_is_rejected()
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, WeComVectors.V2.CorpId);
        var tamperedCipher = "Q" + WeComVectors.V2.XmlEncrypt[1..];

        Assert.False(crypto.VerifySignature("477715d11cdb4164915debcba66cb864d751f3e7", WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, WeComVectors.V2.XmlEncrypt));
        Assert.False(crypto.VerifySignature(WeComVectors.V2.XmlSignature, "1409659814", WeComVectors.V2.Nonce, WeComVectors.V2.XmlEncrypt));
        Assert.False(crypto.VerifySignature(WeComVectors.V2.XmlSignature, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, tamperedCipher));
        Assert.False(crypto.VerifySignature(null, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, WeComVectors.V2.XmlEncrypt));
        Assert.False(new WeComCrypto("wrongToken", WeComVectors.V2.Key, WeComVectors.V2.CorpId)
            .VerifySignature(WeComVectors.V2.XmlSignature, WeComVectors.V2.Timestamp, WeComVectors.V2.Nonce, WeComVectors.V2.XmlEncrypt));
    }

    [Fact]
    public void V2_message_for_another_corp_fails_the_receiveid_check()
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, "ww0000000000000000");

        var error = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(WeComVectors.V2.XmlEncrypt));

        Assert.Equal(WeComCryptoError.ValidateReceiveId, error.Error);
    }

    [Fact]
    public void A_ciphertext_of_another_key_or_broken_base64_is_rejected_without_crashing()
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, WeComVectors.V2.CorpId);

        var otherKey = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(WeComVectors.V1.XmlEncrypt));
        var notBase64 = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt("not*base64"));
        var truncated = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(WeComVectors.V2.XmlEncrypt[..20]));

        Assert.Contains(otherKey.Error, new[] { WeComCryptoError.IllegalBuffer, WeComCryptoError.ValidateReceiveId });
        Assert.Equal(WeComCryptoError.DecodeBase64, notBase64.Error);
        Assert.Equal(WeComCryptoError.IllegalBuffer, truncated.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C=")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2*")]
    public void An_encoding_aes_key_that_is_not_43_base64_characters_is_illegal(string key)
    {
        var error = Assert.Throws<WeComCryptoException>(() => new WeComCrypto("QDG6eK", key, ""));

        Assert.Equal(WeComCryptoError.IllegalAesKey, error.Error);
        Assert.False(WeComCrypto.IsValidKey(key));
    }

    [Fact]
    public void Aibot_vector_S1_decrypts_with_an_empty_receiveid_and_not_with_a_corp_id()
    {
        var bot = new WeComCrypto(WeComVectors.AiBot.Token, WeComVectors.AiBot.Key, "");
        var app = new WeComCrypto(WeComVectors.AiBot.Token, WeComVectors.AiBot.Key, WeComVectors.V2.CorpId);

        var plain = bot.VerifyAndDecrypt(WeComVectors.AiBot.S1Signature, WeComVectors.AiBot.Timestamp, WeComVectors.AiBot.Nonce, WeComVectors.AiBot.S1Encrypt);

        Assert.Equal(WeComVectors.AiBot.S1Plain, plain);
        Assert.Equal(WeComCryptoError.ValidateReceiveId, Assert.Throws<WeComCryptoException>(() => app.Decrypt(WeComVectors.AiBot.S1Encrypt)).Error);
    }

    [Fact]
    public void Encrypting_with_fixed_random_prefixes_reproduces_the_aibot_vectors_byte_for_byte()
    {
        var bot = new WeComCrypto(WeComVectors.AiBot.Token, WeComVectors.AiBot.Key, "");

        var s1 = bot.Encrypt(WeComVectors.AiBot.S1Plain, Encoding.ASCII.GetBytes(WeComVectors.AiBot.S1Random));
        var s2 = bot.Encrypt(WeComVectors.AiBot.S2Plain, Encoding.ASCII.GetBytes(WeComVectors.AiBot.S2Random));

        Assert.Equal(WeComVectors.AiBot.S1Encrypt, s1);
        Assert.Equal(WeComVectors.AiBot.S2Encrypt, s2);
        Assert.Equal(WeComVectors.AiBot.S2Signature, bot.Sign(WeComVectors.AiBot.Timestamp, WeComVectors.AiBot.Nonce, s2));
    }

    [Theory]
    [InlineData(0, "")]
    [InlineData(1, "")]
    [InlineData(11, "")]
    [InlineData(12, "wx5823bf96d3bd56c7")]
    [InlineData(13, "")]
    [InlineData(44, "wx5823bf96d3bd56c7")]
    [InlineData(100, "")]
    [InlineData(3000, "wx5823bf96d3bd56c7")]
    public void Encrypt_then_decrypt_round_trips_every_padding_length(int length, string receiveId)
    {
        var crypto = new WeComCrypto(WeComVectors.V2.Token, WeComVectors.V2.Key, receiveId);
        var message = string.Concat(Enumerable.Range(0, length).Select(i => i % 3 == 0 ? "汇" : "a"));

        var encrypted = crypto.Encrypt(message);

        Assert.Equal(message, crypto.Decrypt(encrypted));
        Assert.Equal(0, Convert.FromBase64String(encrypted).Length % 32);
    }
}
