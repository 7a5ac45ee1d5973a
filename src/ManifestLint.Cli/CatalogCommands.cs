using System.CommandLine;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Rules;

namespace ManifestLint.Cli;

/// <summary>
/// <c>rules</c> (the catalogue as a table) and <c>explain ID</c> (a rule's page). Both read the configuration as lint
/// does (the nearest .manifestlint.yaml, or --config), so they list and explain its custom rules too.
/// </summary>
public static class CatalogCommands
{
    private static Option<string?> ConfigOption() =>
        new("--config") { Description = "A .manifestlint.yaml whose custom rules to include (default: the nearest one from the current directory up to the repository root)", HelpName = "FILE" };

    /// <summary>The run's rules as lint would have them; a broken configuration is reported (exit code 2) instead.</summary>
    private static RuleRegistry? Registry(CliConsole console, string? configPath)
    {
        try
        {
            return LintRunner.Prepare(new LintRequest { BaseDirectory = console.CurrentDirectory, ConfigPath = configPath }, RuleCatalog.RegistryFor).Registry;
        }
        catch (ConfigurationException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }

    public static Command Rules(CliConsole console)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "text, or markdown for documentation (links to rules/ID.md)",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "markdown");
        var config = ConfigOption();
        var command = new Command("rules", "List every rule (custom rules of .manifestlint.yaml too): ID, title, category and default severity") { format, config };
        command.SetAction(parse =>
        {
            if (Registry(console, parse.GetValue(config)) is not { } registry)
            {
                return ExitCodes.UsageError;
            }

            WriteRules(console.Out, registry, parse.GetValue(format) == "markdown");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Explain(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "A rule ID, such as ML1001" };
        var config = ConfigOption();
        var command = new Command("explain", "Print a rule's documentation: what it finds, why it matters, examples, configuration") { id, config };
        command.SetAction(parse =>
        {
            if (Registry(console, parse.GetValue(config)) is not { } registry)
            {
                return ExitCodes.UsageError;
            }

            var requested = parse.GetValue(id)!;
            if (registry.Find(requested) is not { } rule)
            {
                console.Error.WriteLine($"error: unknown rule '{requested}'; `dotnet manifest-lint rules` lists them");
                return ExitCodes.UsageError;
            }

            console.Out.Write(registry.Documentation(rule.Id) ?? $"# {rule.Id}: {rule.Title}\n\n{rule.Description}\n\n{rule.HelpText}\n");
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteRules(TextWriter output, RuleRegistry registry, bool markdown)
    {
        var rows = registry.AllRules
            .Select(r => (Id: markdown ? (r.HelpUri is null ? r.Id : r.IsCustom ? $"[{r.Id}]({r.HelpUri})" : $"[{r.Id}](rules/{r.Id}.md)") : r.Id, r.Title, r.Category, Default: DefaultSeverity(r)))
            .ToList();
        if (markdown)
        {
            output.WriteLine("| ID | Title | Category | Default |");
            output.WriteLine("|---|---|---|---|");
            foreach (var row in rows)
            {
                output.WriteLine($"| {row.Id} | {row.Title} | {row.Category} | {row.Default} |");
            }

            return;
        }

        (string Id, string Title, string Category, string Default) header = ("ID", "Title", "Category", "Default");
        var idWidth = rows.Append(header).Max(r => r.Id.Length);
        var titleWidth = rows.Append(header).Max(r => r.Title.Length);
        var categoryWidth = rows.Append(header).Max(r => r.Category.Length);
        foreach (var row in rows.Prepend(header))
        {
            output.WriteLine($"{row.Id.PadRight(idWidth)}  {row.Title.PadRight(titleWidth)}  {row.Category.PadRight(categoryWidth)}  {row.Default}".TrimEnd());
        }
    }

    private static string DefaultSeverity(RuleDescriptor rule) =>
        rule.EnabledByDefault ? rule.DefaultSeverity.ToDisplayString() : $"off ({rule.DefaultSeverity.ToDisplayString()} when enabled)";
}
