using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using Json.Schema.Keywords;
using ManifestLint.Core.Configuration;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using ManifestLint.Rules.SingleObject;

namespace ManifestLint.Rules.Custom;

/// <summary>
/// A custom rule's schema, built with JsonSchema.Net and evaluated against one target (an object, a container, a pod
/// template): one finding per failing place, reported on the key or value the JSON pointer leads back to.
/// </summary>
public sealed partial class SchemaCheck
{
    /// <summary>
    /// How long one regular expression of a custom schema (<c>pattern</c>, <c>patternProperties</c>) may take on one
    /// value. Set per schema, on the patterns it builds, never process-wide: the MSBuild node and other tools share the
    /// process. A pattern that backtracks catastrophically ends the rule's check of that object with ML9000, never the run.
    /// </summary>
    public static readonly TimeSpan PatternMatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// JSON Schema 2020-12 with the two regular-expression keywords replaced (With replaces a keyword of the same name;
    /// removing them first would break additionalProperties, which depends on patternProperties).
    /// </summary>
    private static readonly Dialect TimeBoxedDialect = Dialect.Draft202012.With([new TimeBoxedPattern(), new TimeBoxedPatternProperties()]);

    private readonly CustomRuleDefinition _definition;
    private readonly JsonSchema _schema;

    private SchemaCheck(CustomRuleDefinition definition, JsonSchema schema) => (_definition, _schema) = (definition, schema);

    public CustomRuleDefinition Definition => _definition;

    /// <exception cref="ConfigurationException">The schema cannot be built, at the place it is written.</exception>
    public static SchemaCheck Build(CustomRuleDefinition definition)
    {
        try
        {
            // The schema keeps elements of its document for as long as it lives: JsonElement.Parse makes one that owns its
            // memory (a JsonDocument's elements die with the document).
            var root = JsonElement.Parse(definition.SchemaJson);
            if (FindKeyword(root, "$schema"))
            {
                // Another dialect would bring back the library's own pattern keywords, without a time limit.
                throw new JsonSchemaException("'$schema' is not supported: custom rule schemas are JSON Schema 2020-12");
            }

            var options = new BuildOptions { Dialect = TimeBoxedDialect, SchemaRegistry = new SchemaRegistry() };
            return new SchemaCheck(definition, JsonSchema.Build(root, options));
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw ConfigurationException.At(definition.ConfigPath, definition.SchemaAt, $"{definition.Id}: invalid schema: {ex.Message}");
        }
    }

    private static bool FindKeyword(JsonElement element, string keyword) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name == keyword || FindKeyword(p.Value, keyword)),
        JsonValueKind.Array => element.EnumerateArray().Any(e => FindKeyword(e, keyword)),
        _ => false,
    };

    /// <summary>
    /// Evaluates the target. Failures are collapsed to one per instance location, the first error in evaluation order
    /// (the innermost keyword that failed there): anyOf and oneOf report each branch's failure at the same place.
    /// <paramref name="whole"/> stands for the target itself when a failure is about all of it (a required key at the top).
    /// </summary>
    public IReadOnlyList<Finding> Inspect(Resource resource, ManifestNode target, ManifestNode whole, string? container)
    {
        // The results read the document while they are enumerated: it lives until the findings are made.
        using var document = ManifestJson.ToJsonDocument(target);
        try
        {
            var results = _schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (results.IsValid)
            {
                return [];
            }

            var findings = new List<Finding>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var detail in results.Details ?? [])
            {
                if (detail.IsValid || detail.Errors is not { Count: > 0 } errors || !seen.Add(detail.InstanceLocation.ToString()))
                {
                    continue;
                }

                var segments = ManifestJson.PointerSegments(detail.InstanceLocation.ToString());
                var node = ManifestJson.NodeToReport(target, segments) ?? whole;
                findings.Add(Finding.At(node, Render(resource, container, ManifestJson.JsonPath(target, segments), errors.First().Value)));
            }

            return findings;
        }
        catch (RegexMatchTimeoutException ex)
        {
            throw new TimeoutException(
                $"the pattern '{ex.Pattern}' of custom rule {_definition.Id} took longer than {PatternMatchTimeout.TotalMilliseconds} ms on a value of {ex.Input.Length} characters " +
                "(catastrophic backtracking); simplify the pattern", ex);
        }
    }

    /// <summary>The author's message with its placeholders filled in; unknown ones are left as written.</summary>
    private string Render(Resource resource, string? container, string path, string error)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = resource.Name,
            ["kind"] = resource.Kind,
            ["namespace"] = resource.Namespace ?? "",
            ["container"] = container ?? "",
            ["path"] = path,
            ["error"] = error,
        };
        return Placeholder().Replace(_definition.MessageTemplate, m => values.GetValueOrDefault(m.Groups[1].Value, m.Value));
    }

    [GeneratedRegex(@"\{([a-z]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    /// <summary>The rule's page for <c>explain</c> and SARIF: title, description, help, what it applies to, and the schema.</summary>
    public string Documentation()
    {
        var rule = _definition.Descriptor;
        var page = new StringBuilder();
        page.Append("# ").Append(rule.Id).Append(": ").Append(rule.Title).Append("\n\n");
        if (rule.Description is { } description)
        {
            page.Append(description).Append("\n\n");
        }

        if (rule.HelpText is { } help)
        {
            page.Append("## How to fix\n\n").Append(help).Append("\n\n");
        }

        page.Append("## Applies to\n\n");
        var target = _definition.Target switch
        {
            CustomRuleTarget.Container => "each container (init and sidecar containers too) of",
            CustomRuleTarget.PodTemplate => "the pod template of",
            _ => "each object of kind",
        };
        page.Append("Custom rule from `").Append(Path.GetFileName(_definition.ConfigPath)).Append("`: ").Append(target).Append(' ')
            .Append(string.Join(", ", _definition.Kinds)).Append(_definition.Group is { } group ? $" (API group `{group}`)" : "");
        if (_definition.Namespaces.Count > 0)
        {
            page.Append(", in namespaces ").Append(string.Join(", ", _definition.Namespaces));
        }

        if (_definition.Selector is { } selector)
        {
            page.Append(", labelled ").Append(selector);
        }

        page.Append(". Category ").Append(rule.Category).Append(", default severity ")
            .Append(rule.EnabledByDefault ? rule.DefaultSeverity.ToDisplayString() : $"off ({rule.DefaultSeverity.ToDisplayString()} when enabled)").Append(".\n\n");
        page.Append("## Schema\n\n```json\n").Append(IndentedSchema()).Append("\n```\n");
        return page.ToString();
    }

    private string IndentedSchema()
    {
        using var document = JsonDocument.Parse(_definition.SchemaJson);
        return JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true });
    }

    private sealed class TimeBoxedPattern : PatternKeyword
    {
        public override object? ValidateKeywordValue(JsonElement value) => TimeBoxed((Regex)base.ValidateKeywordValue(value)!);
    }

    private sealed class TimeBoxedPatternProperties : PatternPropertiesKeyword
    {
        public override object? ValidateKeywordValue(JsonElement value) =>
            ((Dictionary<string, Regex>)base.ValidateKeywordValue(value)!).ToDictionary(p => p.Key, p => TimeBoxed(p.Value));
    }

    private static Regex TimeBoxed(Regex regex) => new(regex.ToString(), regex.Options, PatternMatchTimeout);
}

/// <summary>A custom rule on each object of its kinds (<c>target: object</c>).</summary>
public sealed class CustomObjectRule(SchemaCheck check) : ManifestAnalyzer
{
    public override IReadOnlyList<RuleDescriptor> SupportedRules => [check.Definition.Descriptor];

    public override void Initialize(AnalysisContext context) => context.RegisterResourceAction(context =>
    {
        var resource = context.Resource;
        if (!check.Definition.AppliesTo(resource))
        {
            return;
        }

        // An object as a whole is pointed at by its name, as every rule does.
        var whole = resource.Root.ScalarAt("metadata", "name") ?? resource.Root.ScalarAt("kind") ?? (ManifestNode)resource.Root;
        foreach (var finding in check.Inspect(resource, resource.Root, whole, container: null))
        {
            context.Report(check.Definition.Descriptor, finding.Node, null, null, finding.MessageArgs);
        }
    }, [.. check.Definition.Kinds]);
}

/// <summary>A custom rule on each container of the pods of its kinds (<c>target: container</c>), on the ContainerRule template.</summary>
public sealed class CustomContainerRule(SchemaCheck check) : ContainerRule(check.Definition.Descriptor, ContainerScope.All)
{
    protected override IEnumerable<Finding> Inspect(WorkloadContainer container) =>
        check.Definition.AppliesTo(container.Pod.Owner)
            ? check.Inspect(container.Pod.Owner, container.Node, container.NameNode, container.Name)
            : [];
}

/// <summary>A custom rule on the pod template of its kinds (<c>target: podTemplate</c>), on the PodRule template.</summary>
public sealed class CustomPodTemplateRule(SchemaCheck check) : PodRule(check.Definition.Descriptor)
{
    protected override IEnumerable<Finding> Inspect(WorkloadPod pod)
    {
        if (!check.Definition.AppliesTo(pod.Owner))
        {
            return [];
        }

        // The template as a whole is pointed at by its first key (metadata: or spec:), never the whole document.
        var template = pod.Template.Template;
        var whole = template.Count > 0 ? template.Entries[0].Key : (ManifestNode)template;
        return check.Inspect(pod.Owner, template, whole, container: null);
    }
}

/// <summary>Turns a configuration's custom rules into analyzers, and documents them.</summary>
public static class CustomRules
{
    /// <exception cref="ConfigurationException">A custom rule's schema cannot be built, or its ID is a built-in rule's.</exception>
    public static IReadOnlyList<SchemaCheck> Build(RepositoryConfig config, IReadOnlyCollection<string> builtInIds)
    {
        var checks = new List<SchemaCheck>();
        foreach (var definition in config.CustomRules)
        {
            if (builtInIds.Contains(definition.Id, StringComparer.OrdinalIgnoreCase))
            {
                throw ConfigurationException.At(definition.ConfigPath, definition.IdAt, $"custom rule ID '{definition.Id}' is a built-in rule's");
            }

            checks.Add(SchemaCheck.Build(definition));
        }

        return checks;
    }

    public static ManifestAnalyzer Analyzer(SchemaCheck check) => check.Definition.Target switch
    {
        CustomRuleTarget.Container => new CustomContainerRule(check),
        CustomRuleTarget.PodTemplate => new CustomPodTemplateRule(check),
        _ => new CustomObjectRule(check),
    };
}
