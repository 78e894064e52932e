using Spectre.Console;

namespace SlaTimers.Worker.Cli.Formatting;

/// <summary>Spectre.Console on the command's output: colour on a terminal, plain text in pipes and tests.</summary>
public static class HumanOutput
{
    /// <summary>Wide enough that tables never wrap in a pipe or a test, where no terminal width exists.</summary>
    private const int WidthWithoutTerminal = 160;

    public static IAnsiConsole Create(CliContext context)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = context.OutIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = context.OutIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(context.Out),
        });
        if (!context.OutIsTerminal) console.Profile.Width = WidthWithoutTerminal;
        return console;
    }

    /// <summary>
    /// Labelled lines for the head of a result (<c>Deadline  2026-12-31T10:00:00Z</c>). Plain lines rather
    /// than a grid: no padding after the value, so pipes and tests see exactly the text. A row with an
    /// empty label continues the previous one.
    /// </summary>
    public static void WriteKeyValues(this IAnsiConsole console, params (string Key, string Value)[] rows)
    {
        var width = rows.Max(r => r.Key.Length);
        foreach (var (key, value) in rows)
        {
            console.MarkupLine($"[bold]{Markup.Escape(key.PadRight(width))}[/]  {Markup.Escape(value)}");
        }
    }

    /// <summary>A heading line above a table: <paramref name="title"/> in bold, then <paramref name="detail"/>.</summary>
    public static void WriteHeading(this IAnsiConsole console, string title, string? detail = null)
    {
        console.WriteLine();
        console.MarkupLine(detail is null ? $"[bold]{Markup.Escape(title)}[/]" : $"[bold]{Markup.Escape(title)}[/] {Markup.Escape(detail)}");
    }

    /// <summary>A table whose cells are plain text (names from config may hold [brackets]).</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns) table.AddColumn(new TableColumn(Markup.Escape(column)));
        return table;
    }

    public static void AddTextRow(this Table table, params string[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c)).ToArray());
}
