using SlaTimers.Core.Tickets;

namespace SlaTimers.Core.Tests.Tickets;

public class StatusCategoriesTests
{
    [Theory]
    [InlineData("new", StatusCategory.New)]
    [InlineData("open", StatusCategory.Open)]
    [InlineData("pending", StatusCategory.Pending)]
    [InlineData("on-hold", StatusCategory.OnHold)]
    [InlineData("solved", StatusCategory.Solved)]
    [InlineData("closed", StatusCategory.Closed)]
    [InlineData("On_Hold", StatusCategory.OnHold)]
    [InlineData("ONHOLD", StatusCategory.OnHold)]
    [InlineData("  Pending ", StatusCategory.Pending)]
    [InlineData("o-p-e-n", StatusCategory.Open)]
    [InlineData("Closed", StatusCategory.Closed)]
    public void Category_names_parse_in_any_case_with_or_without_separators(string text, StatusCategory expected)
    {
        Assert.True(StatusCategories.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hold")]
    [InlineData("on hold")]
    [InlineData("done")]
    [InlineData("OnHold2")]
    public void Anything_else_is_no_category(string? text)
    {
        Assert.False(StatusCategories.TryParse(text, out _));
    }

    [Fact]
    public void Every_category_parses_from_its_configuration_name()
    {
        foreach (var category in Enum.GetValues<StatusCategory>())
        {
            Assert.True(StatusCategories.TryParse(category.ToConfigName(), out var parsed));
            Assert.Equal(category, parsed);
        }
    }
}
