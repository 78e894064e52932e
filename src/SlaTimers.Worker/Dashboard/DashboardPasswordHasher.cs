using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// The password hashes of <c>Dashboard:Users</c>. Two formats are read:
/// <list type="bullet">
/// <item><c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> — PBKDF2 with HMAC-SHA256, SALT and HASH in Base64 (padding
/// optional), a hash of 32 bytes; what <c>slatimers dashboard hash-password</c> writes (600,000 iterations, a
/// 16-byte random salt).</item>
/// <item>ASP.NET Core Identity's format (<see cref="PasswordHasher{TUser}"/>, version 3: Base64 starting
/// <c>AQAAAA</c>), so a hash made by an Identity-based tool works as it is.</item>
/// </list>
/// Weak hashes are refused: fewer than <see cref="MinimumIterations"/> iterations, or Identity's version 2.
/// </summary>
public static class DashboardPasswordHasher
{
    public const string Prefix = "pbkdf2-sha256$";
    public const int DefaultIterations = 600_000;
    public const int MinimumIterations = 100_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const byte IdentityV3Marker = 0x01;

    /// <summary>A new hash of <paramref name="password"/> in the <c>pbkdf2-sha256$…</c> format, with a random salt.</summary>
    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Prefix}{iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Reads a configured hash; <paramref name="problem"/> says what is wrong without repeating the hash.</summary>
    public static bool TryParse(string? text, out PasswordHash? hash, out string? problem)
    {
        hash = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "is missing";
            return false;
        }
        text = text.Trim();
        if (text.StartsWith(Prefix, StringComparison.Ordinal)) return TryParsePbkdf2(text, out hash, out problem);

        var bytes = FromBase64(text);
        if (bytes is null || bytes.Length < 14)
        {
            problem = $"is not a password hash: expected '{Prefix}ITERATIONS$SALT$HASH' or an ASP.NET Core Identity hash";
            return false;
        }
        if (bytes[0] != IdentityV3Marker)
        {
            problem = "is an ASP.NET Core Identity hash of an old, weak version: make a new one";
            return false;
        }
        hash = new IdentityHash(text);
        return true;
    }

    private static bool TryParsePbkdf2(string text, out PasswordHash? hash, out string? problem)
    {
        hash = null;
        problem = null;
        var parts = text[Prefix.Length..].Split('$');
        if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || FromBase64(parts[1]) is not { Length: >= 8 } salt || FromBase64(parts[2]) is not { Length: HashBytes } expected)
        {
            problem = $"is not '{Prefix}ITERATIONS$SALT$HASH' (Base64 salt of at least 8 bytes, Base64 hash of {HashBytes} bytes)";
            return false;
        }
        if (iterations < MinimumIterations)
        {
            problem = $"has {iterations} iterations: use at least {MinimumIterations}";
            return false;
        }
        hash = new Pbkdf2Hash(iterations, salt, expected);
        return true;
    }

    private static byte[]? FromBase64(string text)
    {
        var padded = text.Length % 4 == 0 ? text : text.PadRight(text.Length + (4 - text.Length % 4), '=');
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }

    /// <summary>A hash read from the configuration, ready to check passwords against.</summary>
    public abstract class PasswordHash
    {
        public abstract bool Verify(string password);
    }

    private sealed class Pbkdf2Hash(int iterations, byte[] salt, byte[] expected) : PasswordHash
    {
        public override bool Verify(string password)
        {
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
    }

    private sealed class IdentityHash(string hash) : PasswordHash
    {
        private static readonly PasswordHasher<object> Hasher = new();

        public override bool Verify(string password) =>
            Hasher.VerifyHashedPassword(this, hash, password) is PasswordVerificationResult.Success or PasswordVerificationResult.SuccessRehashNeeded;
    }
}
