using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using SlaTimers.Worker.Dashboard;

namespace SlaTimers.Worker.Tests.Dashboard;

public sealed class DashboardSettingsTests
{
    [Fact]
    public void WithoutTheSection_LocalRequestsOnly_InAmsterdamTime()
    {
        var settings = DashboardSettings.Read(Configuration());

        Assert.Empty(settings.Users);
        Assert.Equal("Europe/Amsterdam", settings.Zone.Id);
        Assert.False(settings.AnonymousHealthAndMetrics);
        Assert.Equal(500, settings.MaxRows);
    }

    [Fact]
    public void EachProblem_NamesItsKey_AndNoPasswordHashIsRepeated()
    {
        var configuration = Configuration(
            ("Dashboard:TimeZone", "Mars/Olympus_Mons"),
            ("Dashboard:MaxRows", "0"),
            ("Dashboard:Users:0:Name", "alice"),
            ("Dashboard:Users:0:PasswordHash", "plain-text-password"),
            ("Dashboard:Users:0:Role", "root"),
            ("Dashboard:Users:1:Name", "alice"),
            ("Dashboard:Users:1:PasswordHash", DashboardPasswordHasher.Hash("x", DashboardPasswordHasher.MinimumIterations)),
            ("Dashboard:Users:2:Name", "bob:smith"),
            ("Dashboard:Users:2:PasswordHash", DashboardPasswordHasher.Hash("x", DashboardPasswordHasher.MinimumIterations)));

        var e = Assert.Throws<OptionsValidationException>(() => DashboardSettings.Read(configuration));

        Assert.Equal(
        [
            "Dashboard:TimeZone 'Mars/Olympus_Mons' is not an IANA time zone (e.g. Europe/Amsterdam).",
            "Dashboard:MaxRows is 0: use 1 to 10000.",
            "Dashboard:Users:0:PasswordHash is not a password hash: expected 'pbkdf2-sha256$ITERATIONS$SALT$HASH' or an ASP.NET Core Identity hash. Make one with 'slatimers dashboard hash-password'.",
            "Dashboard:Users:0:Role is 'root': use 'admin' or 'viewer'.",
            "Dashboard:Users:1:Name 'alice' is configured twice.",
            "Dashboard:Users:2:Name is missing or contains ':' (HTTP Basic separates the name from the password with it).",
        ], e.Failures);
        Assert.DoesNotContain(e.Failures, f => f.Contains("plain-text-password", StringComparison.Ordinal));
    }

    [Fact]
    public void AUserWithoutARole_IsAViewer()
    {
        var settings = DashboardSettings.Read(Configuration(
            ("Dashboard:Users:0:Name", "victor"),
            ("Dashboard:Users:0:PasswordHash", DashboardPasswordHasher.Hash("x", DashboardPasswordHasher.MinimumIterations))));

        Assert.Equal(DashboardRole.Viewer, DashboardRoles.Parse(Assert.Single(settings.Users).Role));
        Assert.Equal("victor (viewer)", settings.Users[0].ToString());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
