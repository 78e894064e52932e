namespace SlaTimers.Configuration;

/// <summary>
/// One thing wrong in the configuration: the file (relative to the config folder), the JSON path inside it
/// (e.g. <c>$.week.monday[1]</c>), and a message that says what is wrong and what would be right.
/// </summary>
public sealed record ConfigProblem(string File, string JsonPath, string Message)
{
    public override string ToString() => $"{File}: {JsonPath}: {Message}";
}
