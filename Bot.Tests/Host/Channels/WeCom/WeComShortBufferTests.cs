using System.Security.Cryptography;
using Bot.Host.Channels.WeCom;

namespace Bot.Tests.Host.Channels.WeCom;

public sealed class WeComShortBufferTests
{
    [Fact]
    public void A_single_block_ciphertext_whose_pad_byte_exceeds_the_buffer_is_rejected_as_an_illegal_buffer()
    {
        // Found by the CsCheck property test (seed 4ySDKs4aqbf1): one AES block ending in a pad byte of 32.
        var key = Convert.FromBase64String(WeComVectors.V1.Key + "=");
        var plain = new byte[16];
        plain[^1] = 32;
        using var aes = Aes.Create();
        aes.Key = key;
        var cipher = Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
        var crypto = new WeComCrypto(WeComVectors.V1.Token, WeComVectors.V1.Key, WeComVectors.V1.CorpId);

        var error = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(cipher));

        Assert.Equal(WeComCryptoError.IllegalBuffer, error.Error);
    }
}
