namespace SlaTimers.Configuration.Tests;

internal static class ProblemAssert
{
    /// <summary>The load failed with exactly this one problem: file, JSON path, and every part in the message.</summary>
    public static ConfigProblem Single(ConfigLoadResult result, string file, string jsonPath, params string[] messageParts)
    {
        Assert.False(result.IsValid);
        Assert.Null(result.Configuration);
        var problem = Assert.Single(result.Problems);
        AssertIs(problem, file, jsonPath, messageParts);
        return problem;
    }

    /// <summary>Among the problems is one at this file and path whose message has every part.</summary>
    public static ConfigProblem Contains(ConfigLoadResult result, string file, string jsonPath, params string[] messageParts)
    {
        Assert.False(result.IsValid);
        var problem = Assert.Single(result.Problems, p => p.File == file && p.JsonPath == jsonPath);
        AssertIs(problem, file, jsonPath, messageParts);
        return problem;
    }

    private static void AssertIs(ConfigProblem problem, string file, string jsonPath, string[] messageParts)
    {
        Assert.Equal(file, problem.File);
        Assert.Equal(jsonPath, problem.JsonPath);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, problem.Message, StringComparison.Ordinal);
        }
    }
}
