using System.Globalization;
using System.Text.RegularExpressions;
using ManifestLint.TestSupport.JsonSchema;

namespace ManifestLint.Cli.Tests.Support;

/// <summary>
/// Every SARIF log a test produces goes through <see cref="Check"/>: it must be valid against the official OASIS
/// SARIF 2.1.0 schema (shared/schemas/sarif-schema-2.1.0.json, checked with TestSupport's draft-04
/// <see cref="JsonSchemaValidator.ForSarif210"/>), and meet what GitHub code scanning requires on top of the
/// schema (shared/docs/conventions-sarif-msbuild-tool.md, section 1).
/// </summary>
public static partial class ProducedSarif
{
    private static readonly Lazy<JsonSchemaValidator> Schema = new(JsonSchemaValidator.ForSarif210);

    private static int _checked;

    /// <summary>How many logs were checked so far; a test asserts it grows, so the check cannot be skipped silently.</summary>
    public static int CheckedCount => Volatile.Read(ref _checked);

    public static JsonObject Check(string sarif)
    {
        var log = JsonNode.Parse(sarif) as JsonObject ?? throw new AssertFailedException("SARIF output is not a JSON object");
        var schemaErrors = Schema.Value.Validate(log);
        Assert.IsEmpty(schemaErrors, "SARIF schema violations:\n" + string.Join("\n", schemaErrors));
        var gitHubProblems = GitHubProblems(log);
        Assert.IsEmpty(gitHubProblems, "GitHub code scanning requirements not met:\n" + string.Join("\n", gitHubProblems));
        Interlocked.Increment(ref _checked);
        return log;
    }

    public static List<string> GitHubProblems(JsonObject log)
    {
        var problems = new List<string>();
        void Require(bool condition, string problem)
        {
            if (!condition)
            {
                problems.Add(problem);
            }
        }

        Require(Text(log["$schema"]) is { Length: > 0 }, "$schema is required");
        Require(Text(log["version"]) == "2.1.0", "version must be 2.1.0");
        var runs = log["runs"]?.AsArray() ?? [];
        Require(runs.Count is >= 1 and <= 20, "1 to 20 runs");
        foreach (var run in runs.OfType<JsonObject>())
        {
            var driver = run["tool"]?["driver"] as JsonObject;
            Require(Text(driver?["name"]) is { Length: > 0 }, "tool.driver.name is required");
            var rules = driver?["rules"]?.AsArray() ?? [];
            Require(driver?["rules"] is JsonArray, "tool.driver.rules is required");
            Require(rules.Count <= 25_000, "at most 25,000 rules");
            Require(rules.Select(r => Text(r?["id"])).Distinct().Count() == rules.Count, "rule IDs are unique");
            foreach (var rule in rules.OfType<JsonObject>())
            {
                var id = Text(rule["id"]);
                Require(id is { Length: > 0 }, "rule id is required");
                Require(Text(rule["name"]) is null or { Length: <= 255 }, $"{id}: name is at most 255 characters");
                Require(Text(rule["shortDescription"]?["text"]) is { Length: > 0 and <= 1024 }, $"{id}: shortDescription.text is required, at most 1024 characters");
                Require(Text(rule["fullDescription"]?["text"]) is { Length: > 0 and <= 1024 }, $"{id}: fullDescription.text is required, at most 1024 characters");
                Require(Text(rule["help"]?["text"]) is { Length: > 0 }, $"{id}: help.text is required");
                Require(Text(rule["defaultConfiguration"]?["level"]) is null or "note" or "warning" or "error", $"{id}: defaultConfiguration.level is note, warning or error");
                var properties = rule["properties"] as JsonObject;
                Require((properties?["tags"]?.AsArray().Count ?? 0) <= 20, $"{id}: at most 20 tags");
                Require(Text(properties?["precision"]) is null or "very-high" or "high" or "medium" or "low", $"{id}: precision");
                Require(Text(properties?["problem.severity"]) is null or "error" or "warning" or "recommendation", $"{id}: problem.severity");
                if (Text(properties?["security-severity"]) is { } security)
                {
                    Require(double.TryParse(security, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) && score is >= 0.1 and <= 10.0,
                        $"{id}: security-severity is a number from 0.1 to 10.0");
                }
            }

            var baseIds = run["originalUriBaseIds"] as JsonObject;
            foreach (var (name, value) in baseIds ?? [])
            {
                Require(Text(value?["uri"]) is { } uri && uri.EndsWith('/') && Uri.IsWellFormedUriString(uri, UriKind.Absolute), $"originalUriBaseIds.{name}.uri is an absolute URI ending in /");
            }

            var automation = Text(run["automationDetails"]?["id"]);
            Require(run["automationDetails"] is null || automation is { Length: > 0 }, "automationDetails.id is non-empty");

            Require(run["results"] is JsonArray, "results is required (may be empty)");
            var results = run["results"]?.AsArray() ?? [];
            Require(results.Count <= 25_000, "at most 25,000 results per run");
            var withSuppressions = results.Count(r => r?["suppressions"] is not null);
            Require(withSuppressions == 0 || withSuppressions == results.Count, "either every result has suppressions or none does");
            foreach (var result in results.OfType<JsonObject>())
            {
                CheckResult(result, rules, baseIds, Require);
            }
        }

        return problems;
    }

    private static void CheckResult(JsonObject result, JsonArray rules, JsonObject? baseIds, Action<bool, string> require)
    {
        var ruleId = Text(result["ruleId"]);
        var index = result["ruleIndex"]?.GetValue<int>() ?? -1;
        require(index >= 0 && index < rules.Count && Text(rules[index]?["id"]) == ruleId, $"{ruleId}: ruleIndex points at the rule");
        require(Text(result["level"]) is "none" or "note" or "warning" or "error", $"{ruleId}: level");
        var message = Text(result["message"]?["text"]);
        require(message is { Length: > 0 }, $"{ruleId}: message.text is required");

        var locations = result["locations"]?.AsArray() ?? [];
        require(locations.Count is >= 1 and <= 10, $"{ruleId}: 1 to 10 locations");
        foreach (var location in locations.Concat(result["relatedLocations"]?.AsArray() ?? []).OfType<JsonObject>())
        {
            var artifact = location["physicalLocation"]?["artifactLocation"];
            require(Text(artifact?["uri"]) is { Length: > 0 }, $"{ruleId}: artifactLocation.uri is required");
            if (Text(artifact?["uriBaseId"]) is { } baseId)
            {
                require(baseIds?.ContainsKey(baseId) == true, $"{ruleId}: uriBaseId {baseId} is declared in originalUriBaseIds");
                require(!Uri.IsWellFormedUriString(Text(artifact?["uri"]), UriKind.Absolute), $"{ruleId}: a uri under a uriBaseId is relative");
            }

            var region = location["physicalLocation"]?["region"];
            require(region?["startLine"] is not null && region["startColumn"] is not null && region["endLine"] is not null && region["endColumn"] is not null,
                $"{ruleId}: regions carry all four coordinates");
        }

        var relatedIds = (result["relatedLocations"]?.AsArray() ?? []).Select(r => r?["id"]?.GetValue<int>()).ToList();
        require(relatedIds.Distinct().Count() == relatedIds.Count, $"{ruleId}: related location ids are unique");
        foreach (Match link in MessageLink().Matches(message ?? ""))
        {
            require(relatedIds.Contains(int.Parse(link.Groups["id"].Value, CultureInfo.InvariantCulture)), $"{ruleId}: message link ({link.Groups["id"].Value}) names a related location");
        }

        if (result["partialFingerprints"]?["primaryLocationLineHash"] is { } fingerprint)
        {
            require(FingerprintPattern().IsMatch(Text(fingerprint) ?? ""), $"{ruleId}: primaryLocationLineHash looks like upload-sarif's (hex:occurrence)");
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex(@"(?<!\\)\]\((?<id>[0-9]+)\)")]
    private static partial Regex MessageLink();

    [GeneratedRegex("^[0-9a-f]{1,16}:[1-9][0-9]*$")]
    private static partial Regex FingerprintPattern();
}
