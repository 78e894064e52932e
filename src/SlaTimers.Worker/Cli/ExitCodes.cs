namespace SlaTimers.Worker.Cli;

/// <summary>The process exit codes every command uses.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The config folder has problems (each printed as <c>file: $.path: message</c>).</summary>
    public const int ConfigProblems = 1;

    /// <summary>The command line was wrong: a missing or malformed option, an unknown calendar or command.</summary>
    public const int BadInput = 2;
}
