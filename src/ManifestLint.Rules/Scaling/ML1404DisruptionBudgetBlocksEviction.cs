using System.Globalization;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;

namespace ManifestLint.Rules.Scaling;

/// <summary>ML1404: a PodDisruptionBudget that never allows a voluntary eviction. See rules/ML1404.md.</summary>
public sealed class ML1404DisruptionBudgetBlocksEviction : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.DisruptionBudgetBlocksEviction,
        "PodDisruptionBudget allows no eviction",
        "PodDisruptionBudget '{0}' allows no voluntary eviction: {1}; node drains and cluster upgrades wait on these pods forever",
        RuleCategories.Scaling,
        Severity.Warning,
        Description: "The eviction API refuses every eviction a PodDisruptionBudget does not allow. With zero allowed disruptions, kubectl drain, node upgrades and the cluster autoscaler retry forever.",
        HelpText: "Allow at least one disruption: lower minAvailable below the replica count (or raise the replicas), or set maxUnavailable to 1.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) => context.RegisterRunStartAction(start =>
    {
        var autoscalers = Autoscalers.ByWorkload(start.Index);
        start.RegisterResourceAction(c => Analyze(c, autoscalers), "PodDisruptionBudget");
    });

    private static void Analyze(ResourceAnalysisContext context, IReadOnlyDictionary<Resource, IReadOnlyList<AutoscalerBinding>> autoscalers)
    {
        var budget = context.Resource;
        if (budget.Group != "policy" || budget.Namespace is not { } ns || budget.Spec is not { } spec)
        {
            return;
        }

        var minAvailable = spec.ScalarAt("minAvailable") is { IsNull: false } minNode ? IntOrPercent.Parse(minNode) : null;
        var maxUnavailable = spec.ScalarAt("maxUnavailable") is { IsNull: false } maxNode ? IntOrPercent.Parse(maxNode) : null;
        if (minAvailable is null == maxUnavailable is null)
        {
            return; // Neither (nothing to judge) or both (the API rejects them together), or a value that is not a number or percentage.
        }

        if (Selected(context, budget, spec, ns) is not var (selected, countable))
        {
            return; // No or an invalid selector, or a selection that is absent (ML1403's findings).
        }

        if (selected.Count > 0 && selected.All(t => t.OwnerKind.Kind == "DaemonSet"))
        {
            return; // Drains skip DaemonSet pods (--ignore-daemonsets), so nothing waits on this budget.
        }

        var blocksAlways = maxUnavailable is { Value: 0 } || minAvailable is { IsPercent: true, Value: >= 100 };
        if (blocksAlways)
        {
            var reason = maxUnavailable is not null ? $"maxUnavailable is {maxUnavailable}" : $"minAvailable {minAvailable} keeps every selected pod";
            if (selected.Count > 0 && Total(selected, autoscalers) is { Pods: 0 })
            {
                return; // Zero replicas: no pod to evict.
            }

            context.Report(Rule, budget, budget.LocationOf((maxUnavailable ?? minAvailable)!.Node), [budget.Name, reason], Related(selected, autoscalers),
                maxUnavailable is not null ? "set maxUnavailable to 1 (or a percentage above 0)" : "use a percentage below 100%, or maxUnavailable: 1");
            return;
        }

        if (minAvailable is null || !countable || selected.Count == 0 || Total(selected, autoscalers) is not { Pods: > 0 } total)
        {
            return; // maxUnavailable above 0 always allows one eviction; without known replica counts there is no total to compare.
        }

        var required = minAvailable.IsPercent ? (int)Math.Ceiling(minAvailable.Value * (long)total.Pods / 100.0) : minAvailable.Value;
        if (required < total.Pods)
        {
            return;
        }

        var rounded = minAvailable.IsPercent ? $" (rounded up to {required})" : "";
        var shortfall = $"minAvailable {minAvailable}{rounded} is at least the {total.Pods} pod{(total.Pods == 1 ? "" : "s")} it selects ({total.Description})";
        context.Report(Rule, budget, budget.LocationOf(minAvailable.Node), [budget.Name, shortfall], Related(selected, autoscalers),
            $"lower minAvailable below {total.Pods}, raise the replicas above {required}, or use maxUnavailable: 1");
    }

    /// <summary>The pod templates the budget selects; null when ML1403's territory (no, null or invalid selector, or nothing selected among the input's pods).</summary>
    /// <summary>
    /// The pod templates the budget selects (none when the input cannot tell), and whether their replica counts add up to
    /// the number of pods it covers: not for an empty selector (every pod of the namespace, seen or not) or one that
    /// picks single pods by controller labels (a StatefulSet's pod-name). Null for ML1403's findings.
    /// </summary>
    private static (IReadOnlyList<PodTemplate> Pods, bool Countable)? Selected(ResourceAnalysisContext context, Resource budget, MappingNode spec, string ns)
    {
        if (spec.MappingAt("selector") is not { } selectorNode || LabelSelector.FromLabelSelector(selectorNode) is not { } selector)
        {
            return null;
        }

        if (selector.IsEmpty && budget.Version == "v1beta1")
        {
            return null; // Selects nothing in policy/v1beta1.
        }

        var selection = context.World.SelectPods(budget, ns, selector);
        if (selection.IsAbsent)
        {
            return null;
        }

        var perPod = selector.MatchLabels.Keys.Concat(selector.MatchExpressions.Select(r => r.Key)).Any(ControllerLabels.Keys.Contains);
        return (selection.Pods, !selector.IsEmpty && !perPod);
    }

    /// <summary>
    /// How many pods the selected workloads keep at least: an HPA's minReplicas where an HPA scales the workload,
    /// else its replicas. Null when a count is unknown (DaemonSet, Job, a templated value).
    /// </summary>
    private static (int Pods, string Description)? Total(IReadOnlyList<PodTemplate> selected, IReadOnlyDictionary<Resource, IReadOnlyList<AutoscalerBinding>> autoscalers)
    {
        var pods = 0;
        var parts = new List<string>();
        foreach (var template in selected)
        {
            var owner = template.Owner;
            int? count;
            Func<int, string> source; // Not a format string: a name may contain braces.
            if (autoscalers.TryGetValue(owner, out var bindings))
            {
                var autoscaler = bindings[0].Autoscaler;
                count = Autoscalers.MinReplicas(autoscaler);
                source = n => $"{Autoscalers.MinReplicasKey(autoscaler)} {n} of {autoscaler.Kind} '{autoscaler.Name}'";
            }
            else
            {
                count = template.Replicas;
                source = n => $"replicas {n}";
            }

            if (count is not { } known)
            {
                return null;
            }

            pods += known;
            parts.Add($"{owner.Kind} '{owner.Name}': " + source(known));
        }

        return (pods, string.Join(", ", parts));
    }

    private static List<RelatedLocation> Related(IReadOnlyList<PodTemplate> selected, IReadOnlyDictionary<Resource, IReadOnlyList<AutoscalerBinding>> autoscalers) =>
        [.. selected.Take(5).Select(t =>
        {
            var owner = t.Owner;
            if (autoscalers.TryGetValue(owner, out var bindings))
            {
                var hpa = bindings[0].Autoscaler;
                var at = hpa.Spec?.KeyOf(Autoscalers.MinReplicasKey(hpa)) ?? (ManifestNode)bindings[0].Target.NameNode;
                return new RelatedLocation(hpa.LocationOf(at), $"{hpa.Kind} '{hpa.Name}' keeps {owner.Kind} '{owner.Name}' at {Autoscalers.MinReplicas(hpa)?.ToString(CultureInfo.InvariantCulture) ?? "?"} replicas or more");
            }

            var replicas = owner.Spec?.KeyOf("replicas");
            var count = t.Replicas?.ToString(CultureInfo.InvariantCulture) ?? "unknown";
            return new RelatedLocation(replicas is null ? owner.Location : owner.LocationOf(replicas),
                $"{owner.Kind} '{owner.Name}' is selected (replicas {count}{(replicas is null && t.Replicas is not null ? ", the default" : "")})");
        })];

    /// <summary>A Kubernetes IntOrString budget: an integer, or a string percentage such as "50%".</summary>
    private sealed record IntOrPercent(int Value, bool IsPercent, ScalarNode Node)
    {
        public static IntOrPercent? Parse(ScalarNode node)
        {
            if (node.TryGetInt32(out var number))
            {
                return number >= 0 ? new IntOrPercent(number, false, node) : null;
            }

            var text = node.Value;
            return text.EndsWith('%') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent)
                ? new IntOrPercent(percent, true, node)
                : null;
        }

        public override string ToString() => IsPercent ? $"{Value.ToString(CultureInfo.InvariantCulture)}%" : Value.ToString(CultureInfo.InvariantCulture);
    }
}
