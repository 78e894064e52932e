using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// The users of <c>Dashboard:Users</c> and their password check. PBKDF2 is slow on purpose, and a browser sends
/// its Basic credentials with every request (the dashboard polls every few seconds), so a header that passed is
/// remembered for <see cref="Remember"/> — as a keyed hash of a random per-process key, never the header itself.
/// </summary>
public sealed class DashboardCredentials
{
    public static readonly Duration Remember = Duration.FromMinutes(5);

    private const int MaxRemembered = 1024;

    private readonly Dictionary<string, User> _users;
    private readonly User? _decoy;
    private readonly IClock _clock;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (User User, Instant Until)> _passed = new(StringComparer.Ordinal);

    /// <param name="users">Validated settings (<see cref="DashboardSettings.Problems"/>).</param>
    public DashboardCredentials(IEnumerable<DashboardUserSettings> users, IClock clock)
    {
        _clock = clock;
        _users = users.ToDictionary(u => u.Name, ToUser, StringComparer.Ordinal);
        _decoy = _users.Values.FirstOrDefault();
    }

    public bool Any => _users.Count > 0;

    /// <summary>The user and role an <c>Authorization: Basic …</c> header logs in as, or null.</summary>
    public (string Name, DashboardRole Role)? Check(string? authorization)
    {
        if (!TryReadBasic(authorization, out var name, out var password)) return null;
        var fingerprint = Fingerprint(authorization!);
        var now = _clock.GetCurrentInstant();
        if (_passed.TryGetValue(fingerprint, out var passed) && passed.Until > now) return (passed.User.Name, passed.User.Role);

        if (!_users.TryGetValue(name, out var user))
        {
            // As long as a known name takes: the answer's timing does not tell which names exist.
            _decoy?.Hash.Verify(password);
            return null;
        }
        if (!user.Hash.Verify(password)) return null;

        if (_passed.Count >= MaxRemembered) _passed.Clear();
        _passed[fingerprint] = (user, now + Remember);
        return (user.Name, user.Role);
    }

    /// <summary>Reads <c>Basic base64(name:password)</c> (UTF-8); false for anything else.</summary>
    public static bool TryReadBasic(string? authorization, out string name, out string password)
    {
        (name, password) = ("", "");
        const string scheme = "Basic ";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var encoded = authorization.AsSpan(scheme.Length).Trim();
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var length)) return false;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0) return false;
        (name, password) = (text[..colon], text[(colon + 1)..]);
        return true;
    }

    private string Fingerprint(string authorization) => Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(authorization)));

    private static User ToUser(DashboardUserSettings settings) => new(
        settings.Name,
        DashboardRoles.Parse(settings.Role) ?? throw new InvalidOperationException($"Dashboard user '{settings.Name}' has no valid role."),
        DashboardPasswordHasher.TryParse(settings.PasswordHash, out var hash, out _)
            ? hash!
            : throw new InvalidOperationException($"Dashboard user '{settings.Name}' has no valid password hash."));

    private sealed record User(string Name, DashboardRole Role, DashboardPasswordHasher.PasswordHash Hash);
}
