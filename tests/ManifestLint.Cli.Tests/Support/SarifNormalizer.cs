using System.Text.Encodings.Web;
using System.Text.Json;
using ManifestLint.Rules;

namespace ManifestLint.Cli.Tests.Support;

/// <summary>
/// Makes a SARIF log comparable across machines and doc edits: the one absolute path (the %SRCROOT% URI)
/// becomes file:///REPOSITORY/, and help texts that are exactly the rule's page become a reference to it
/// (a help text that is not the page stays, so the golden still catches it).
/// </summary>
public static class SarifNormalizer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Normalize(string sarif)
    {
        var log = JsonNode.Parse(sarif)!.AsObject();
        foreach (var run in log["runs"]!.AsArray().OfType<JsonObject>())
        {
            if (run["originalUriBaseIds"] is JsonObject baseIds)
            {
                foreach (var (_, value) in baseIds)
                {
                    value!["uri"] = "file:///REPOSITORY/";
                }
            }

            foreach (var rule in run["tool"]!["driver"]!["rules"]!.AsArray().OfType<JsonObject>())
            {
                var id = rule["id"]!.GetValue<string>();
                var page = RuleCatalog.Documentation(id);
                if (rule["help"] is JsonObject help && page is not null)
                {
                    foreach (var key in new[] { "text", "markdown" })
                    {
                        if (help[key]?.GetValue<string>() == page)
                        {
                            help[key] = $"(the page rules/{id}.md)";
                        }
                    }
                }
            }
        }

        return log.ToJsonString(Options) + "\n";
    }
}
