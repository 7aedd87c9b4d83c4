using Bot.Host.Channels.DingTalk;

namespace Bot.Tests.Host.DingTalk;

/// <summary>The test vectors of dingtalk.md §6.</summary>
public sealed class DingTalkSignatureTests
{
    private const string SecV4 = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    public static TheoryData<long, string, string, string> Vectors => new()
    {
        { 1577262236757, "this is a secret", "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=", "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA%3D" },
        { 1577262236757, "this is secret", "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=", "hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D" },
        { 1603868410000, "this is secret", "3E1RZgQrn1ZLgQGU4C4n4SMei+ObeZVym5BbqrwOJPs=", "3E1RZgQrn1ZLgQGU4C4n4SMei%2BObeZVym5BbqrwOJPs%3D" },
        { 1700000000004, SecV4, "ZeaJlNY30xUaF/p+hFzRR5gZ4qFj+i4uxCJUEwchUXQ=", "ZeaJlNY30xUaF%2Fp%2BhFzRR5gZ4qFj%2Bi4uxCJUEwchUXQ%3D" },
        { 1700000000000, SecV4, "bTgY2yDbep+wesS7jKiNj+srsHoADES4+C4f8LCHFtU=", "bTgY2yDbep%2BwesS7jKiNj%2BsrsHoADES4%2BC4f8LCHFtU%3D" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_signature_of_each_vector_is_the_documented_Base64(long timestamp, string secret, string base64, string urlEncoded)
    {
        Assert.Equal(base64, DingTalkSignature.Compute(timestamp, secret));
        Assert.Equal(urlEncoded, Uri.EscapeDataString(base64));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Each_vector_verifies_as_an_HTTP_mode_header_at_its_own_time(long timestamp, string secret, string base64, string urlEncoded)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(timestamp);

        Assert.Equal(DingTalkSignatureCheck.Valid, DingTalkSignature.Verify(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), base64, secret, now, TimeSpan.FromHours(1)));
        Assert.Equal(DingTalkSignatureCheck.Mismatch, DingTalkSignature.Verify(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), urlEncoded, secret, now, TimeSpan.FromHours(1)));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_custom_robot_url_carries_the_timestamp_and_the_sign_encoded_exactly_once(long timestamp, string secret, string base64, string urlEncoded)
    {
        var url = DingTalkSignature.SignCustomRobotUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", secret, timestamp);

        Assert.Equal($"https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp={timestamp}&sign={urlEncoded}", url);
        Assert.DoesNotContain("%25", url, StringComparison.Ordinal);
        Assert.NotEqual(base64, urlEncoded);
    }

    [Fact]
    public void The_vector_with_plus_and_slash_builds_the_documented_url()
    {
        var url = DingTalkSignature.SignCustomRobotUrl("https://oapi.dingtalk.com/robot/send?access_token=XXXXXX", SecV4, 1700000000004);

        Assert.EndsWith("&timestamp=1700000000004&sign=ZeaJlNY30xUaF%2Fp%2BhFzRR5gZ4qFj%2Bi4uxCJUEwchUXQ%3D", url, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_robot_without_a_secret_is_called_unsigned()
    {
        Assert.Equal("https://oapi.dingtalk.com/robot/send?access_token=abc",
            DingTalkSignature.SignCustomRobotUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", "", 1700000000004));
    }

    [Theory]
    [InlineData(0, DingTalkSignatureCheck.Valid)]
    [InlineData(3_600_000, DingTalkSignatureCheck.Valid)]
    [InlineData(-3_600_000, DingTalkSignatureCheck.Valid)]
    [InlineData(3_600_001, DingTalkSignatureCheck.Expired)]
    [InlineData(-3_600_001, DingTalkSignatureCheck.Expired)]
    public void An_HTTP_mode_timestamp_is_accepted_within_one_hour_either_way_and_rejected_beyond(long offsetMilliseconds, DingTalkSignatureCheck expected)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1577262236757 + offsetMilliseconds);

        var check = DingTalkSignature.Verify("1577262236757", "DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=", "this is a secret", now, TimeSpan.FromHours(1));

        Assert.Equal(expected, check);
    }

    [Fact]
    public void The_login_free_signature_of_another_algorithm_is_rejected_and_the_robot_formula_accepted()
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1546084445901);
        var loginFree = Uri.UnescapeDataString("HCbG3xNE3vzhO%2Bu7qCUL1jS5hsu2n5r2cFhnTrtyDAE%3D");

        Assert.Equal(DingTalkSignatureCheck.Mismatch, DingTalkSignature.Verify("1546084445901", loginFree, "testappSecret", now, TimeSpan.FromHours(1)));
        Assert.Equal("fYP0TV8RJULxGabs59wSO94FZbNekbH7ebQJu2oy+/0=", DingTalkSignature.Compute(1546084445901, "testappSecret"));
        Assert.Equal(DingTalkSignatureCheck.Valid, DingTalkSignature.Verify("1546084445901", "fYP0TV8RJULxGabs59wSO94FZbNekbH7ebQJu2oy+/0=", "testappSecret", now, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData("ZeaJlNY30xUaF/p hFzRR5gZ4qFj i4uxCJUEwchUXQ=")]
    [InlineData("ZeaJlNY30xUaF/p+hFzRR5gZ4qFj+i4uxCJUEwchUXQ")]
    [InlineData("not base64 at all")]
    [InlineData("ZeaJlNY30xUaF/p+hFzRR5gZ4qFj+i4uxCJUEwchUXA=")]
    public void A_damaged_sign_is_a_mismatch_and_never_throws(string sign)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1700000000004);

        Assert.Equal(DingTalkSignatureCheck.Mismatch, DingTalkSignature.Verify("1700000000004", sign, SecV4, now, TimeSpan.FromHours(1)));
    }

    [Theory]
    [InlineData(null, "x", DingTalkSignatureCheck.Missing)]
    [InlineData("1700000000004", "", DingTalkSignatureCheck.Missing)]
    [InlineData("1700000000.004", "x", DingTalkSignatureCheck.BadTimestamp)]
    [InlineData("-1700000000004", "x", DingTalkSignatureCheck.BadTimestamp)]
    [InlineData("1700000000", "ZeaJlNY30xUaF/p+hFzRR5gZ4qFj+i4uxCJUEwchUXQ=", DingTalkSignatureCheck.Expired)]
    public void Missing_or_malformed_headers_are_rejected(string? timestamp, string sign, DingTalkSignatureCheck expected)
    {
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1700000000004);

        Assert.Equal(expected, DingTalkSignature.Verify(timestamp, sign, SecV4, now, TimeSpan.FromHours(1)));
    }
}
