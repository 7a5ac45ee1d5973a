using System.Text.Json;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Core.Configuration;

/// <summary>What a custom rule checks: the whole object, each container of its pods, or each pod template.</summary>
public enum CustomRuleTarget
{
    Object,
    Container,
    PodTemplate,
}

/// <summary>
/// A rule declared in <c>.manifestlint.yaml</c> (<c>customRules:</c>): its descriptor, the objects it applies to, and
/// the JSON Schema each target must satisfy, as JSON text. Reading checks everything that does not need a schema
/// evaluator (fields, ID, kinds, selector, that the schema is JSON); the rule registry builds the schema and reports a
/// schema it cannot build at <see cref="SchemaAt"/>.
/// </summary>
public sealed record CustomRuleDefinition(
    RuleDescriptor Descriptor,
    CustomRuleTarget Target,
    IReadOnlyList<string> Kinds,
    string? Group,
    LabelSelector? Selector,
    IReadOnlyList<string> Namespaces,
    string MessageTemplate,
    string SchemaJson,
    string ConfigPath,
    SourcePosition IdAt,
    SourcePosition SchemaAt)
{
    public string Id => Descriptor.Id;

    /// <summary>Whether the rule applies to this object: its kind (and group), namespace and labels.</summary>
    public bool AppliesTo(Resource resource) =>
        Kinds.Contains(resource.Kind, StringComparer.Ordinal)
        && (Group is null || resource.Group == Group)
        && (Namespaces.Count == 0 || (resource.Namespace is { } ns && Namespaces.Contains(ns, StringComparer.Ordinal)))
        && (Selector is null || Selector.Matches(resource.Labels));

    private static readonly string[] Fields =
        ["id", "title", "message", "severity", "category", "description", "help", "helpUri", "enabled", "target", "kinds", "group", "selector", "namespaces", "schema"];

    /// <summary>Reads the <c>customRules</c> list; the configuration's pod owners decide which kinds have containers.</summary>
    internal static IReadOnlyList<CustomRuleDefinition> ReadAll(string path, MappingEntry entry, Func<IReadOnlyList<PodTemplateOwner>> podTemplateOwners)
    {
        var result = new List<CustomRuleDefinition>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in (entry.Value as SequenceNode)?.Items ?? throw RepositoryConfig.Error(path, entry.Value.Span.Start, "'customRules' must be a list of rules"))
        {
            if (item is not MappingNode rule)
            {
                throw RepositoryConfig.Error(path, item.Span.Start, "each custom rule is a mapping with id, title, message, severity, kinds and schema");
            }

            var definition = Read(path, rule, podTemplateOwners);
            if (!seen.Add(definition.Id))
            {
                throw RepositoryConfig.Error(path, definition.IdAt, $"duplicate custom rule ID '{definition.Id}'");
            }

            result.Add(definition);
        }

        return result;
    }

    private static CustomRuleDefinition Read(string path, MappingNode rule, Func<IReadOnlyList<PodTemplateOwner>> podTemplateOwners)
    {
        foreach (var field in rule.Entries.Where(e => !Fields.Contains(e.KeyText, StringComparer.Ordinal)))
        {
            throw RepositoryConfig.Error(path, field.KeySpan.Start, $"unknown custom rule field '{field.KeyText}' (expected {string.Join(", ", Fields)})");
        }

        var idNode = Required(path, rule, "id");
        var id = idNode.Value;
        if (!RuleDescriptor.IsValidCustomId(id))
        {
            var why = id.StartsWith(RuleDescriptor.ReservedPrefix, StringComparison.Ordinal)
                ? $"the {RuleDescriptor.ReservedPrefix} prefix is reserved for built-in rules"
                : "a custom rule ID is the team's prefix (a capital letter, then 1 to 9 capitals or digits) and 3 or 4 digits, as ACME001";
            throw RepositoryConfig.Error(path, idNode.Span.Start, $"invalid custom rule ID '{id}': {why}");
        }

        string? Optional(string key) => rule.Get(key) switch
        {
            null or ScalarNode { IsNull: true } => null,
            ScalarNode scalar => scalar.Value,
            var other => throw RepositoryConfig.Error(path, other.Span.Start, $"{id}: '{key}' must be a string"),
        };

        var severityNode = Required(path, rule, "severity");
        if (severityNode.Value.Trim().ToLowerInvariant() is not ("error" or "warning" or "info" or "suggestion" or "note")
            || !SeverityNames.TryParseConfigured(severityNode.Value, out var parsedSeverity, out _) || parsedSeverity is not { } severity)
        {
            throw RepositoryConfig.Error(path, severityNode.Span.Start, $"{id}: unknown severity '{severityNode.Value}' (expected error, warning or info)");
        }

        var helpUri = Optional("helpUri");
        if (helpUri is not null && !(Uri.TryCreate(helpUri, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            throw RepositoryConfig.Error(path, rule.Get("helpUri")!.Span.Start, $"{id}: 'helpUri' must be an absolute http or https URL");
        }

        var enabled = rule.Get("enabled") switch
        {
            null => true,
            ScalarNode scalar when scalar.AsBoolean() is { } flag => flag,
            var other => throw RepositoryConfig.Error(path, other.Span.Start, $"{id}: 'enabled' must be true or false"),
        };

        var target = rule.Get("target") switch
        {
            null => CustomRuleTarget.Object,
            ScalarNode { Value: "object" } => CustomRuleTarget.Object,
            ScalarNode { Value: "container" } => CustomRuleTarget.Container,
            ScalarNode { Value: "podTemplate" } => CustomRuleTarget.PodTemplate,
            var other => throw RepositoryConfig.Error(path, other.Span.Start, $"{id}: unknown target '{other}' (expected object, container or podTemplate)"),
        };

        var group = Optional("group");
        var kinds = ReadKinds(path, id, rule, target, group, podTemplateOwners);
        var namespaces = rule.Get("namespaces") switch
        {
            null => [],
            SequenceNode list when list.Items.All(n => n is ScalarNode { IsNull: false }) => list.Items.Cast<ScalarNode>().Select(n => n.Value).ToList(),
            var other => throw RepositoryConfig.Error(path, other.Span.Start, $"{id}: 'namespaces' must be a list of namespace names"),
        };
        var selector = rule.Get("selector") switch
        {
            null => null,
            MappingNode map when LabelSelector.FromLabelSelector(map) is { } parsed
                && map.Entries.All(e => e.KeyText is "matchLabels" or "matchExpressions") => parsed,
            var other => throw RepositoryConfig.Error(path, other.Span.Start,
                $"{id}: 'selector' must be a label selector (matchLabels and matchExpressions with In, NotIn, Exists or DoesNotExist)"),
        };

        var schemaNode = rule.Get("schema") ?? throw RepositoryConfig.Error(path, rule.Span.Start, $"{id}: a custom rule needs 'schema' (a JSON Schema, in YAML or as JSON text)");
        var schemaJson = SchemaText(path, id, schemaNode);

        var descriptor = new RuleDescriptor(
            id,
            Required(path, rule, "title").Value,
            // The rule renders its message from the template (named placeholders); the descriptor passes it through.
            "{0}",
            Optional("category") ?? RuleCategories.Custom,
            severity,
            EnabledByDefault: enabled,
            Description: Optional("description"),
            HelpText: Optional("help"),
            IsCustom: true,
            CustomHelpUri: helpUri);
        var message = Required(path, rule, "message").Value;
        return new CustomRuleDefinition(descriptor, target, kinds, group, selector, namespaces, message, schemaJson, path, idNode.Span.Start, schemaNode.Span.Start);
    }

    private static ScalarNode Required(string path, MappingNode rule, string key) =>
        rule.Get(key) switch
        {
            ScalarNode { IsNull: false } scalar when scalar.Value.Trim().Length > 0 => scalar,
            null => throw RepositoryConfig.Error(path, rule.Span.Start,
                $"{(rule.StringAt("id") is { } id ? id + ": " : "")}a custom rule needs '{key}'"),
            var other => throw RepositoryConfig.Error(path, other.Span.Start, $"'{key}' must be a non-empty string"),
        };

    /// <summary>
    /// Kinds a rule can apply to, so that a typo is an error rather than a rule that never runs: without a group, a
    /// built-in kind or one declared in podTemplateOwners; with one, any kind of a custom resource group, and a built-in
    /// kind of a built-in group. A rule on
    /// containers or pod templates needs kinds that have pods (built-in owners, or podTemplateOwners in this file).
    /// </summary>
    private static List<string> ReadKinds(string path, string id, MappingNode rule, CustomRuleTarget target, string? group, Func<IReadOnlyList<PodTemplateOwner>> podTemplateOwners)
    {
        var node = rule.Get("kinds") ?? throw RepositoryConfig.Error(path, rule.Span.Start, $"{id}: a custom rule needs 'kinds' (the kinds it applies to)");
        if (node is not SequenceNode { Count: > 0 } list || !list.Items.All(k => k is ScalarNode { IsNull: false }))
        {
            throw RepositoryConfig.Error(path, node.Span.Start, $"{id}: 'kinds' must be a non-empty list of kinds");
        }

        var kinds = new List<string>();
        foreach (var kindNode in list.Items.Cast<ScalarNode>())
        {
            var kind = kindNode.Value;
            var declaredOwner = podTemplateOwners().Any(o => o.Kind == kind && (group is null || o.Group == group));
            var known = declaredOwner || (group is null ? KnownKinds.IsBuiltInKindOfAnyGroup(kind) : !KnownKinds.IsBuiltInGroup(group) || KnownKinds.IsBuiltIn(group, kind));
            if (!known)
            {
                throw RepositoryConfig.Error(path, kindNode.Span.Start, group is null
                    ? $"{id}: unknown kind '{kind}' (not a built-in Kubernetes kind; for a custom resource, give its API 'group')"
                    : $"{id}: unknown kind '{kind}' in the built-in API group '{group}'");
            }

            if (target != CustomRuleTarget.Object
                && !PodTemplateOwner.BuiltIn.Concat(podTemplateOwners()).Any(o => o.Kind == kind && o.HasTemplate && (group is null || o.Group == group)))
            {
                throw RepositoryConfig.Error(path, kindNode.Span.Start,
                    $"{id}: kind '{kind}' has no pod template, so it has no {(target == CustomRuleTarget.Container ? "containers" : "pod template")} to check (declare it in podTemplateOwners if it has one)");
            }

            kinds.Add(kind);
        }

        return kinds;
    }

    /// <summary>A schema in YAML (a mapping, or true/false) or as JSON text; either way it must be JSON to be a schema.</summary>
    private static string SchemaText(string path, string id, ManifestNode schema)
    {
        switch (schema)
        {
            case MappingNode or ScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" }:
                return ManifestJson.ToJsonText(schema);
            case ScalarNode text:
                try
                {
                    using var document = JsonDocument.Parse(text.Value);
                    return text.Value;
                }
                catch (JsonException ex)
                {
                    throw RepositoryConfig.Error(path, schema.Span.Start, $"{id}: 'schema' is not valid JSON: {ex.Message}");
                }

            default:
                throw RepositoryConfig.Error(path, schema.Span.Start, $"{id}: 'schema' must be a JSON Schema: a mapping, or JSON text");
        }
    }
}
