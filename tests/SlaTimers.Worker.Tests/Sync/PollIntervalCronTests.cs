using SlaTimers.Worker.Sync;

namespace SlaTimers.Worker.Tests.Sync;

public class PollIntervalCronTests
{
    [Theory]
    [InlineData("00:00:01", "* * * * * *", "00:00:01")]
    [InlineData("00:00:15", "*/15 * * * * *", "00:00:15")]
    [InlineData("00:00:45", "*/30 * * * * *", "00:00:30")]
    [InlineData("00:01:00", "* * * * *", "00:01:00")]
    [InlineData("00:05:00", "*/5 * * * *", "00:05:00")]
    [InlineData("00:07:00", "*/6 * * * *", "00:06:00")]
    [InlineData("01:00:00", "0 * * * *", "01:00:00")]
    [InlineData("05:00:00", "0 */4 * * *", "04:00:00")]
    [InlineData("1.00:00:00", "0 0 * * *", "1.00:00:00")]
    public void From_APollInterval_GivesACronThatRunsAtLeastAsOften(string interval, string cron, string effective)
    {
        Assert.Equal(cron, PollIntervalCron.From(TimeSpan.Parse(interval)));
        Assert.Equal(TimeSpan.Parse(effective), PollIntervalCron.Effective(TimeSpan.Parse(interval)));
    }
}
