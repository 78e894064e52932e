using System.CommandLine;
using System.Text;
using SlaTimers.Worker.Cli;

namespace SlaTimers.Worker.Dashboard;

/// <summary>
/// <c>slatimers dashboard hash-password</c>: reads a password and prints its hash for
/// <c>Dashboard:Users:N:PasswordHash</c>. The password never is an argument (it would stay in the shell's history):
/// typed at a terminal it is not echoed and asked twice; otherwise the first line of standard input is read.
/// </summary>
public static class DashboardCommand
{
    /// <summary>Shorter passwords are hashed, with a warning.</summary>
    public const int AdvisedLength = 12;

    public static Command Create(CliContext context) =>
        new("dashboard", "Dashboard access.")
        {
            CreateHashPassword(context),
        };

    private static Command CreateHashPassword(CliContext context)
    {
        var command = new Command("hash-password",
            "Print the hash of a password for Dashboard:Users:N:PasswordHash (PBKDF2-SHA256). Type the password when asked, "
            + "or pipe it in: the first line of standard input.");
        command.SetAction(_ =>
        {
            var password = IsTerminal(context) ? AskTwice(context) : context.In.ReadLine();
            if (string.IsNullOrEmpty(password))
            {
                context.Error.WriteLine("slatimers: no password given (type it when asked, or pipe it into standard input).");
                return ExitCodes.BadInput;
            }
            if (password.Length < AdvisedLength)
            {
                context.Error.WriteLine($"slatimers: warning: the password has fewer than {AdvisedLength} characters.");
            }
            context.Out.WriteLine(DashboardPasswordHasher.Hash(password));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static bool IsTerminal(CliContext context) => ReferenceEquals(context.In, Console.In) && !Console.IsInputRedirected;

    private static string? AskTwice(CliContext context)
    {
        var first = ReadHidden(context, "Password: ");
        if (string.IsNullOrEmpty(first)) return null;
        if (ReadHidden(context, "Again: ") == first) return first;
        context.Error.WriteLine("slatimers: the passwords differ.");
        return null;
    }

    private static string ReadHidden(CliContext context, string prompt)
    {
        context.Error.Write(prompt);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0) text.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
        context.Error.WriteLine();
        return text.ToString();
    }
}
