using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using SlaTimers.Worker.Dashboard;

namespace SlaTimers.Worker.Tests.Dashboard;

public sealed class DashboardPasswordHasherTests
{
    [Fact]
    public void Hash_WritesPbkdf2Sha256_WithARandomSalt_AndVerifiesOnlyThatPassword()
    {
        var first = DashboardPasswordHasher.Hash("correct horse", DashboardPasswordHasher.MinimumIterations);
        var second = DashboardPasswordHasher.Hash("correct horse", DashboardPasswordHasher.MinimumIterations);

        Assert.Matches(@"^pbkdf2-sha256\$100000\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$", first);
        Assert.NotEqual(first, second);
        Assert.True(DashboardPasswordHasher.TryParse(first, out var hash, out _));
        Assert.True(hash!.Verify("correct horse"));
        Assert.False(hash.Verify("correct horse "));
        Assert.False(hash.Verify(""));
    }

    [Fact]
    public void Hash_ByDefault_Uses600000Iterations()
    {
        Assert.StartsWith("pbkdf2-sha256$600000$", DashboardPasswordHasher.Hash("x"));
    }

    [Fact]
    public void AHashMadeElsewhere_InTheDocumentedFormat_IsRead_PaddingOptional()
    {
        // Python: hashlib.pbkdf2_hmac('sha256', b'password', b'saltsaltsaltsalt', 100000).
        const string salt = "c2FsdHNhbHRzYWx0c2FsdA";
        var expected = Convert.ToBase64String(System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            "password"u8.ToArray(), "saltsaltsaltsalt"u8.ToArray(), 100_000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32)).TrimEnd('=');

        Assert.True(DashboardPasswordHasher.TryParse($"pbkdf2-sha256$100000${salt}${expected}", out var hash, out var problem), problem);
        Assert.True(hash!.Verify("password"));
    }

    [Fact]
    public void AnIdentityV3Hash_IsRead_AndAV2One_Refused()
    {
        var hasher = new PasswordHasher<object>();
        Assert.True(DashboardPasswordHasher.TryParse(hasher.HashPassword(new object(), "pw"), out var v3, out _));
        Assert.True(v3!.Verify("pw"));

        var v2 = new PasswordHasher<object>(Microsoft.Extensions.Options.Options.Create(
            new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 })).HashPassword(new object(), "pw");
        Assert.False(DashboardPasswordHasher.TryParse(v2, out _, out var problem));
        Assert.Contains("old, weak version", problem);
    }

    [Theory]
    [InlineData("", "is missing")]
    [InlineData("hunter2", "is not a password hash")]
    [InlineData("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$", "is not 'pbkdf2-sha256$")]
    [InlineData("pbkdf2-sha256$abc$c2FsdA$c2FsdA", "is not 'pbkdf2-sha256$")]
    [InlineData("pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$Vz7mCHLvKVQzIqoFNVGRWCDpdPdyBexzN9jw1z1fK2U", "has 10000 iterations: use at least 100000")]
    public void AMalformedOrWeakHash_IsRefused_WithoutRepeatingIt(string text, string expected)
    {
        Assert.False(DashboardPasswordHasher.TryParse(text, out var hash, out var problem));
        Assert.Null(hash);
        Assert.Contains(expected, problem);
        if (text.Length > 0) Assert.DoesNotContain(text, problem!);
    }

    [Fact]
    public void TheHashIsWrittenAsOneLine_ThatFitsAnEnvironmentVariable()
    {
        Assert.Matches(new Regex(@"^\S+$"), DashboardPasswordHasher.Hash("x", DashboardPasswordHasher.MinimumIterations));
    }

    [Fact]
    public void HashPasswordCommand_PrintsAHashOfTheFirstInputLine()
    {
        var (exit, output, error) = RunHashPassword("a long enough passphrase\nignored\n");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.True(DashboardPasswordHasher.TryParse(output.Trim(), out var hash, out _));
        Assert.True(hash!.Verify("a long enough passphrase"));
        Assert.DoesNotContain("passphrase", output);
    }

    [Fact]
    public void HashPasswordCommand_WarnsOfAShortPassword_AndRefusesNone()
    {
        var (shortExit, shortOutput, shortError) = RunHashPassword("short\n");
        var (noneExit, noneOutput, noneError) = RunHashPassword("");

        Assert.Equal(0, shortExit);
        Assert.Contains("fewer than 12 characters", shortError);
        Assert.StartsWith("pbkdf2-sha256$", shortOutput);
        Assert.Equal(2, noneExit);
        Assert.Equal("", noneOutput);
        Assert.Contains("no password given", noneError);
    }

    private static (int Exit, string Out, string Error) RunHashPassword(string stdin)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var context = new Worker.Cli.CliContext(new StringReader(stdin), output, error, new NodaTime.Testing.FakeClock(default), "/", "/");
        var root = new System.CommandLine.RootCommand { DashboardCommand.Create(context) };
        var exit = root.Parse(["dashboard", "hash-password"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}
