using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;
using ManifestLint.Core.Yaml;
using Policy = ManifestLint.Core.Model.NetworkPolicy;

namespace ManifestLint.Rules.NetworkPolicy;

/// <summary>ML1205: a workload calls a Service whose pods' NetworkPolicies admit no traffic from it. See rules/ML1205.md.</summary>
public sealed class ML1205NetworkPolicyBlocksKnownCaller : ManifestAnalyzer
{
    public static readonly RuleDescriptor Rule = new(
        RuleIds.NetworkPolicyBlocksKnownCaller,
        "NetworkPolicy blocks a known caller",
        "{0} '{1}' calls Service '{2}' at '{3}', but no NetworkPolicy of the Service's pods admits its pods ({4} in namespace '{5}') on port {6}{7}",
        RuleCategories.NetworkPolicy,
        Severity.Warning,
        Description: "Once a NetworkPolicy selects a pod for ingress, the pod accepts only the traffic some ingress rule of those policies admits. A workload that is configured to call the Service but matches none of the rules has every connection dropped: it times out while both sides look healthy.",
        HelpText: "Admit the caller's pods in an ingress rule (podSelector, with a namespaceSelector for another namespace, and the container port), or route the call through a caller that is admitted.",
        IsCrossResource: true);

    public override IReadOnlyList<RuleDescriptor> SupportedRules => [Rule];

    public override void Initialize(AnalysisContext context) =>
        context.RegisterRunStartAction(start =>
        {
            // Policies of other engines (Calico, Cilium, Antrea, AdminNetworkPolicy) can admit what Kubernetes
            // NetworkPolicies deny, so with any of them in the input the answer is unknowable.
            if (start.Index.Resources.Any(r => r.Kind.EndsWith("NetworkPolicy", StringComparison.Ordinal) && !Policy.IsNetworkPolicy(r)))
            {
                return;
            }

            var all = start.Index.Resources.Where(Policy.IsNetworkPolicy).Select(r => (Resource: r, Policy: start.Index.NetworkPolicyOf(r))).ToList();
            var policies = all.Select(p => p.Policy).OfType<Policy>().Where(p => p.AffectsIngress).ToLookup(p => p.Namespace);
            if (policies.Count == 0)
            {
                return; // No ingress isolation anywhere in the input.
            }

            // A policy this rule cannot read (an invalid selector) might admit the caller: its namespace is unknowable.
            var unreadable = all.Where(p => p.Policy is null).Select(p => p.Resource.Namespace!).ToHashSet(StringComparer.Ordinal);
            var known = new Policies(policies, unreadable);
            start.RegisterPodTemplateAction(context => Analyze(context, known));
        });

    private sealed record Policies(ILookup<string, Policy> ByNamespace, IReadOnlySet<string> UnknowableNamespaces);

    private static void Analyze(ResourceAnalysisContext context, Policies policies)
    {
        if (context.PodTemplate is not { } caller || UsesHostNetwork(caller))
        {
            return; // Host-network pods send from the node's address, which podSelectors do not match.
        }

        var reported = new HashSet<(ScalarNode, Resource)>();
        foreach (var (text, address) in ServiceCalls.Of(caller))
        {
            if (Blocked(context.World, policies, caller, address) is not { } finding || !reported.Add((text, finding.Service)))
            {
                continue;
            }

            Report(context, caller, text, address, finding);
        }
    }

    /// <summary><see cref="Assumed"/> when the Service selects no pods yet and the targets are the pods its selector comes closest to.</summary>
    private sealed record Finding(Resource Service, IReadOnlyList<PodTemplate> Targets, IReadOnlyList<Policy> Policies, string Port, bool Assumed);

    /// <summary>
    /// The finding when every pod the Service sends to is isolated for ingress and no rule of any policy that
    /// selects it admits the caller on the Service's target port; null when the call gets through or the input
    /// cannot tell.
    /// </summary>
    private static Finding? Blocked(Core.World.WorldModel world, Policies policies, PodTemplate caller, ServiceAddress address)
    {
        var index = world.Index;
        var ns = address.Namespace ?? caller.Namespace;
        if (index.FindAll("Service", ns, address.Service).FirstOrDefault(s => s.Group == "") is not { } service ||
            ServiceSelection.SelectedPods(index, service) is not { } targets)
        {
            return null; // Not a Service of the input, or one without a selector (ExternalName, manual endpoints).
        }

        var assumed = false;
        if (targets.Count == 0)
        {
            // The selector is broken (ML1001). Fixing it makes the pods it comes closest to the target, as in seed
            // incident 000, where both faults hid each other; without such a near miss there is nothing to judge.
            var selector = LabelSelector.FromMap(service.Spec!.MappingAt("selector")!);
            if (world.NearMissTemplate(ns, selector) is not { } near)
            {
                return null;
            }

            targets = [near];
            assumed = true;
        }

        if (targets.Any(t => ReferenceEquals(t, caller) || UsesHostNetwork(t)))
        {
            return null; // A call to itself, or pods outside policy enforcement.
        }

        var ports = ServicePort.Read(service);
        var used = address.ImpliedPort is { } wanted ? [.. ports.Where(p => p.Port == wanted)] : ports;
        if (used.Count == 0)
        {
            return null; // The call names a port the Service does not have: another problem than a policy.
        }

        var blocking = new List<Policy>();
        string? shownPort = null;
        foreach (var target in targets)
        {
            var isolating = policies.ByNamespace[target.Namespace].Where(p => p.Selects(target)).ToList();
            if (isolating.Count == 0 || policies.UnknowableNamespaces.Contains(target.Namespace))
            {
                return null; // These pods accept traffic from everyone, or a policy here cannot be read.
            }

            foreach (var port in used)
            {
                if (port.ResolveOn(target) is not { } number)
                {
                    return null;
                }

                if (TriState.Any(isolating.Select(p => p.AdmitsIngress(index, caller, target, number, port.Protocol))) != false)
                {
                    return null; // Admitted, or it depends on what the input cannot know (an ipBlock, namespace labels).
                }

                shownPort ??= $"{number}/{port.Protocol}";
            }

            blocking.AddRange(isolating.Where(p => !blocking.Contains(p)));
        }

        return new Finding(service, targets, blocking, shownPort!, assumed);
    }

    private static void Report(ResourceAnalysisContext context, PodTemplate caller, ScalarNode text, ServiceAddress address, Finding finding)
    {
        var owner = caller.Owner;
        var service = finding.Service;
        var sends = finding.Assumed ? "is meant to send" : "sends";
        var related = new List<RelatedLocation> { new(service.Location, $"Service '{service.Name}' in namespace '{service.Namespace}' {sends} to the pods of {Describe(finding.Targets)}") };
        related.AddRange(finding.Policies.Take(3).Select(p =>
            new RelatedLocation(p.Resource.KeyLocationOf(p.Resource.Spec!, "podSelector"), $"NetworkPolicy '{p.Resource.Name}' selects them and {Admitted(p)}")));
        var labels = caller.Labels.Count == 0 ? "no labels" : string.Join(",", caller.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var target = finding.Targets[0].Owner;
        var detail = finding.Assumed
            ? $", even once its selector matches {target.Kind} '{target.Name}' (it selects no pods now: ML1001)"
            : "";
        context.Report(Rule, owner, owner.LocationOf(text),
            [owner.Kind, owner.Name, service.Name, address, labels, caller.Namespace, finding.Port, detail], related,
            $"add an ingress rule that admits {labels} (from namespace '{caller.Namespace}') on port {finding.Port} to NetworkPolicy '{PolicyToExtend(finding.Policies).Resource.Name}', or route the call through a caller it admits");
    }

    /// <summary>The policy a fix belongs in: one written for these pods (with ingress rules and a real podSelector) rather than a namespace-wide deny-all.</summary>
    private static Policy PolicyToExtend(IReadOnlyList<Policy> policies) =>
        policies.OrderByDescending(p => p.IngressRules.Count > 0).ThenByDescending(p => !p.PodSelector.IsEmpty).First();

    /// <summary>A short account of what a policy admits, for the related location.</summary>
    private static string Admitted(Policy policy)
    {
        if (policy.IngressRules.Count == 0)
        {
            return "admits no ingress at all";
        }

        var parts = policy.IngressRules.Select(r =>
        {
            var from = r.Peers is null ? "everyone" : string.Join(" or ", r.Peers.Select(p => p.ToString()));
            var ports = r.Ports is null ? "" : " on " + string.Join(", ", r.Ports.Select(p => p.ToString()));
            return from + ports;
        });
        return "admits ingress only from " + string.Join("; ", parts);
    }

    private static string Describe(IReadOnlyList<PodTemplate> targets) =>
        string.Join(", ", targets.Take(3).Select(t => $"{t.Owner.Kind} '{t.Owner.Name}'")) + (targets.Count > 3 ? ", …" : "");

    private static bool UsesHostNetwork(PodTemplate pod) => pod.Spec?.ScalarAt("hostNetwork")?.AsBoolean() == true;
}
