using System.Runtime.CompilerServices;
using ManifestLint.Core.Engine;
using ManifestLint.Core.Index;
using ManifestLint.Core.Model;

namespace ManifestLint.Core.World;

/// <summary>
/// A declaration in .manifestlint.yaml that the input holds every object of a namespace ("*" for every namespace), or
/// only of the listed kinds there. It is the user's evidence that a target missing from the input is missing.
/// </summary>
public sealed record CompletenessDeclaration(string Namespace, IReadOnlyList<string> Kinds)
{
    public bool Covers(string kind, string? @namespace) =>
        (Namespace == "*" || Namespace == @namespace) && (Kinds.Count == 0 || Kinds.Contains(kind, StringComparer.Ordinal));
}

/// <summary>
/// What the run knows about the cluster the input will be applied to, and what it does not. Every cross-resource rule
/// asks it one question per reference, "is the target in the input, provably absent, or unknowable?", and gets the
/// evidence and its explanation with the answer, so no rule re-derives either. The input is not the cluster: operators
/// create pods from custom resources, controllers add labels, Secrets are made outside git, and one tree holds many
/// independent deployments; without evidence that a target should be in the input, the answer is "unknowable".
/// </summary>
public sealed class WorldModel
{
    private readonly HashSet<(DeploymentUnit Unit, string Kind, string Namespace)> _unitKinds = [];
    private readonly Dictionary<(DeploymentUnit Unit, string Kind, string? Namespace), List<Resource>> _unitObjects = [];
    private readonly HashSet<(DeploymentUnit Unit, string Namespace)> _unitPods = [];
    private readonly HashSet<DeploymentUnit> _unitsStatingNamespaces = [];
    private readonly Dictionary<string, List<PodTemplate>> _openTemplates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Resource> _invisiblePodSources = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<CompletenessDeclaration> _complete;
    private readonly ConditionalWeakTable<IReadOnlyList<PodTemplate>, StrongBox<bool>> _holdsVariants = new();

    public WorldModel(ManifestIndex index, DeploymentUnits? units = null, IReadOnlyList<CompletenessDeclaration>? complete = null)
    {
        Index = index;
        Units = units ?? DeploymentUnits.Discover(index.Resources.Select(r => r.File).Distinct());
        _complete = complete ?? [];
        foreach (var resource in index.Resources)
        {
            var unit = Units.Of(resource.File);
            var key = (unit, resource.Kind, resource.Namespace);
            (_unitObjects.TryGetValue(key, out var list) ? list : _unitObjects[key] = []).Add(resource);
            if (resource.Namespace is not { } ns)
            {
                continue;
            }

            _unitKinds.Add((unit, resource.Kind, ns));
            if (!OmitsNamespace(resource))
            {
                _unitsStatingNamespaces.Add(unit);
            }


            if (CustomResources.MayCreateUnseenPods(resource, index.PodTemplateOf(resource) is not null))
            {
                _invisiblePodSources.TryAdd(ns, resource);
            }
        }

        foreach (var generated in index.Generated)
        {
            _unitKinds.Add((Units.Of(generated.Generator.File), generated.Kind, generated.Namespace));
        }

        foreach (var generated in index.KustomizeGenerated)
        {
            _unitKinds.Add((Units.Of(generated.File), generated.Kind, generated.Namespace ?? index.DefaultNamespace));
        }

        foreach (var template in index.PodTemplates)
        {
            _unitPods.Add((Units.Of(template.Owner.File), template.Namespace));
            if (template.OwnerKind.AllLabelsOpen || template.OwnerKind.OpenLabelKeys.Count > 0 || template.Labels.Values.Any(TemplatePlaceholders.IsPlaceholder))
            {
                (_openTemplates.TryGetValue(template.Namespace, out var list) ? list : _openTemplates[template.Namespace] = []).Add(template);
            }
        }
    }

    public ManifestIndex Index { get; }

    public DeploymentUnits Units { get; }

    public DeploymentUnit UnitOf(Resource resource) => Units.Of(resource.File);

    /// <summary>
    /// The definitions a reference from <paramref name="from"/> resolves to when an object is defined more than once
    /// (a base and its overlays, two samples): those nearest in the folder tree, same folder first. Definitions are
    /// variants and are never merged; equally near ones are all kept, so a rule asks "does any of them…".
    /// </summary>
    public IReadOnlyList<Resource> Nearest(Resource from, IReadOnlyList<Resource> definitions)
    {
        if (definitions.Count < 2)
        {
            return definitions;
        }

        var folder = DeploymentUnits.FolderOf(from.File.Path);
        var best = definitions.Min(d => DeploymentUnits.Distance(folder, DeploymentUnits.FolderOf(d.File.Path)));
        return [.. definitions.Where(d => DeploymentUnits.Distance(folder, DeploymentUnits.FolderOf(d.File.Path)) == best)];
    }

    /// <summary>
    /// The selected templates with each workload that is defined more than once (a base and its overlays) narrowed to
    /// its nearest definitions; different workloads are all kept.
    /// </summary>
    private IReadOnlyList<PodTemplate> NearestVariants(Resource from, IReadOnlyList<PodTemplate> templates)
    {
        // Asked with the index's shared answers, so whether one holds variants at all is worked out once per answer.
        if (templates.Count < 2 || !_holdsVariants.GetValue(templates, list => new StrongBox<bool>(
                list.Select(t => t.Owner.Reference).Distinct().Count() != list.Count)).Value)
        {
            return templates;
        }

        var kept = templates.GroupBy(t => t.Owner.Reference)
            .SelectMany(g => Nearest(from, [.. g.Select(t => t.Owner)]))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        return [.. templates.Where(t => kept.Contains(t.Owner))];
    }

    /// <summary>Whether the referrer's unit declares (or generates) objects of this kind in the namespace.</summary>
    public bool UnitManages(Resource from, string kind, string @namespace) => _unitKinds.Contains((UnitOf(from), kind, @namespace));

    /// <summary>Whether configuration declares the input complete for this kind in the namespace.</summary>
    public bool DeclaredComplete(string kind, string? @namespace) => _complete.Any(c => c.Covers(kind, @namespace));

    /// <summary>
    /// Resolves a reference to an object by name. Present when the input declares it (the nearest definitions), a known
    /// controller or kustomize generator creates it, or configuration declares it external. Otherwise absent only with
    /// evidence (in the order a user needs to hear it): the same name in another namespace of the referrer's unit, a
    /// similar name, a completeness declaration, or the referrer's unit managing that kind in the namespace.
    /// </summary>
    public ObjectResolution ResolveObject(Resource from, ObjectQuery query)
    {
        // Most references resolve, most queries have no extra condition: that path allocates nothing but the answer.
        var named = Index.FindAll(query.Kind, query.Namespace, query.Name);
        var found = query.Matches is null || named.Count == 0 ? named : [.. named.Where(query.Matches)];
        if (found.Count > 0)
        {
            return ObjectResolution.Present(Nearest(from, found));
        }

        if (Index.WillExist(query.Kind, query.Namespace, query.Name))
        {
            return ObjectResolution.Present([]); // Generated by a controller or a kustomize generator, or declared external.
        }

        if (TemplatePlaceholders.IsPlaceholder(query.Name) || TemplatePlaceholders.IsPlaceholder(query.Namespace))
        {
            return ObjectResolution.Unknowable;
        }

        var unit = UnitOf(from);
        var elsewhere = Index.FindInAnyNamespace(query.Kind, query.Name)
            .Where(r => r.Namespace != query.Namespace && query.Accepts(r) && UnitOf(r) == unit)
            .ToList();
        if (query.Namespace is not null && Nearest(from, elsewhere).FirstOrDefault() is { } there &&
            (query.NamespaceIsWritten || LostNamespace(from, there, unit) || _unitKinds.Contains((unit, query.Kind, query.Namespace))))
        {
            return Absent(ExplainOtherNamespace(from, query, there));
        }

        var sameKind = _unitObjects.GetValueOrDefault((unit, query.Kind, query.Namespace)) ?? [];
        if (SimilarNames.Closest(query.Name, sameKind.Where(query.Accepts), r => r.Name) is { } similar)
        {
            return Absent(new Evidence(EvidenceKind.NearMiss, $"; did you mean '{similar.Name}'?",
                [new RelatedLocation(similar.Location, $"{similar.Kind} '{similar.Name}'")],
                $"refer to '{similar.Name}', or create {query.Kind} '{query.Name}'{In(query.Namespace)}"));
        }

        if (DeclaredComplete(query.Kind, query.Namespace))
        {
            return Absent(new Evidence(EvidenceKind.DeclaredComplete,
                $"; .manifestlint.yaml declares the input complete for {query.Kind} objects{In(query.Namespace)}", [],
                $"create {query.Kind} '{query.Name}'{In(query.Namespace)}, or list it under externalObjects in .manifestlint.yaml"));
        }

        var key = (unit, query.Kind, query.Namespace ?? "");
        if (query.Namespace is not null && _unitKinds.Contains(key))
        {
            IReadOnlyList<RelatedLocation> related = sameKind.FirstOrDefault() is { } example
                ? [new RelatedLocation(example.Location, $"this unit ({unit}) declares its {query.Kind} objects{In(query.Namespace)}, such as '{example.Name}'")]
                : [];
            return Absent(new Evidence(EvidenceKind.UnitManagesKind, "", related,
                $"create {query.Kind} '{query.Name}'{In(query.Namespace)} (or declare it under externalObjects in .manifestlint.yaml)"));
        }

        return ObjectResolution.Unknowable;
    }

    /// <summary>
    /// The same explanation as an <see cref="EvidenceKind.OtherNamespace"/> evidence for an object of this name in another
    /// namespace of the input, without the conditions that make it evidence: a hint for rules that report at info level
    /// whatever the evidence.
    /// </summary>
    public Evidence? ElsewhereHint(Resource from, ObjectQuery query) =>
        query.Namespace is not null && Index.FindInAnyNamespace(query.Kind, query.Name).Where(r => r.Namespace != query.Namespace && query.Accepts(r)).ToList() is { Count: > 0 } elsewhere
            ? ExplainOtherNamespace(from, query, Nearest(from, elsewhere)[0])
            : null;

    /// <summary>
    /// The pods a selector selects in a namespace. Present when some pod template matches, counting the labels controllers
    /// add (a StatefulSet's pod names, a Job's job-name). Unknowable when a match depends on what the input cannot see
    /// (a hash label, an operator's labels, a placeholder, a namespace where custom resources or the cluster itself may run
    /// pods). Otherwise absent only with evidence: a near miss, the labels in another namespace of the referrer's unit
    /// (when either side omitted its namespace while the unit states namespaces, or the unit runs workloads in the
    /// referrer's namespace), or a completeness declaration.
    /// </summary>
    public PodResolution SelectPods(Resource from, string @namespace, LabelSelector selector)
    {
        if (HasPlaceholder(selector) || TemplatePlaceholders.IsPlaceholder(@namespace))
        {
            return PodResolution.Unknowable;
        }

        var (matched, maybe) = Evaluate(@namespace, selector);
        if (matched.Count > 0)
        {
            return new PodResolution(Presence.Present, NearestVariants(from, matched), null);
        }

        if (maybe)
        {
            return PodResolution.Unknowable;
        }

        if (NearMiss(@namespace, selector) is { } near)
        {
            return new PodResolution(Presence.Absent, [], near);
        }

        // The same labels in another namespace of the unit show a lost namespace (one side omitted metadata.namespace while
        // the unit states namespaces), or a wrong one when the unit runs workloads in the referrer's namespace.
        var unit = UnitOf(from);
        var unitHasPodsHere = _unitPods.Contains((unit, @namespace));
        foreach (var other in selector.IsEmpty || !_unitsStatingNamespaces.Contains(unit) ? [] : Index.Namespaces.Where(n => n != @namespace))
        {
            if (Evaluate(other, selector).Matched.FirstOrDefault(t => Units.Of(t.Owner.File) == unit && (unitHasPodsHere || LostNamespace(from, t.Owner, unit))) is { } there)
            {
                return new PodResolution(Presence.Absent, [], ExplainPodsElsewhere(from, @namespace, there));
            }
        }

        if (NamespaceLabels.HasClusterManagedPods(@namespace) || _invisiblePodSources.ContainsKey(@namespace))
        {
            return PodResolution.Unknowable;
        }

        // A unit that runs workloads in the namespace is not evidence on its own: namespaces such as "monitoring" are
        // shared with charts installed separately, and a selector unrelated to every template of the unit is about those.
        return DeclaredComplete("Pod", @namespace)
            ? new PodResolution(Presence.Absent, [], new Evidence(EvidenceKind.DeclaredComplete,
                $"; .manifestlint.yaml declares the input complete for namespace '{@namespace}'", [], null))
            : PodResolution.Unknowable;
    }

    /// <summary>
    /// The pods a NetworkPolicy peer selects: in the policy's namespace, or in the namespaces a namespaceSelector pins by
    /// name. Unknowable for ipBlocks and for namespaceSelectors that may match namespaces the input never shows. Absent
    /// when a pinned Namespace the input declares lacks the selector's labels (its labels are a declared set), or when every
    /// pinned namespace's pod selection is absent with evidence.
    /// </summary>
    public PodResolution SelectPeer(Resource from, NetworkPolicyPeer peer, string policyNamespace)
    {
        if (!peer.IsValid || peer.IsIpBlock)
        {
            return PodResolution.Unknowable;
        }

        var namespaces = peer.NamespaceSelector is null ? [policyNamespace] : NamespaceLabels.PinnedNames(peer.NamespaceSelector)?.Order(StringComparer.Ordinal).ToList();
        if (namespaces is null)
        {
            return PodResolution.Unknowable;
        }

        if (namespaces.Count == 0)
        {
            return new PodResolution(Presence.Absent, [], new Evidence(EvidenceKind.DeclaredSet, "; the namespaceSelector's names contradict each other", [], null));
        }

        Evidence? first = null;
        foreach (var ns in namespaces)
        {
            if (peer.NamespaceSelector is { } namespaceSelector)
            {
                switch (NamespaceLabels.Matches(Index, namespaceSelector, ns))
                {
                    case null:
                        return PodResolution.Unknowable;
                    case false:
                        if (Index.NamespaceObject(ns) is { } declared)
                        {
                            first ??= new Evidence(EvidenceKind.DeclaredSet, $"; Namespace '{ns}' does not match the namespaceSelector {namespaceSelector}",
                                [new RelatedLocation(declared.Location, $"Namespace '{ns}' has {FormatLabels(declared.Labels).Replace(" only", "", StringComparison.Ordinal)}")], null);
                        }

                        continue;
                }
            }

            var pods = SelectPods(from, ns, peer.PodSelector ?? LabelSelector.Everything);
            switch (pods.Presence)
            {
                case Presence.Present:
                case Presence.Unknowable:
                    return pods;
                default:
                    first ??= pods.Evidence;
                    break;
            }
        }

        return first is null ? PodResolution.Unknowable : new PodResolution(Presence.Absent, [], first);
    }

    /// <summary>
    /// The custom resource in the namespace whose operator may run pods there that the input cannot see, if any (see
    /// <see cref="CustomResources.MayCreateUnseenPods"/>).
    /// </summary>
    public Resource? InvisiblePodSource(string @namespace) => _invisiblePodSources.GetValueOrDefault(@namespace);

    /// <summary>
    /// Whether the pods may listen on <paramref name="port"/> without declaring it: <c>containerPort</c> is informational,
    /// and a server's port is often set in its arguments (<c>--metrics-bind-address=:8443</c>), an environment variable or
    /// a mounted configuration file. True when the number appears in a serving container's command, args or env values,
    /// in a ConfigMap the pod reads, or when the containers are not in the input at all.
    /// </summary>
    public bool MayListenUndeclared(PodTemplate pod, int port)
    {
        if (!pod.HasKnownContainers)
        {
            return true;
        }

        var number = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        bool Mentions(string? text) => text is not null && MentionsNumber(text, number);
        foreach (var container in pod.Containers.Where(c => c.ServesTraffic))
        {
            var words = (container.Node.SequenceAt("command")?.Items ?? []).Concat(container.Node.SequenceAt("args")?.Items ?? [])
                .OfType<Yaml.ScalarNode>().Select(s => s.Value)
                .Concat((container.Node.SequenceAt("env")?.Mappings() ?? []).Select(e => e.StringAt("value")));
            if (words.Any(Mentions))
            {
                return true;
            }
        }

        foreach (var reference in Index.ConfigReferencesOf(pod).Where(r => r.Kind == ConfigReferences.ConfigMap))
        {
            foreach (var configMap in Index.FindAll(ConfigReferences.ConfigMap, pod.Namespace, reference.Name))
            {
                if ((configMap.Root.MappingAt("data")?.Entries ?? []).Any(e => Mentions(e.ValueText)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="number"/> stands in the text as a number of its own (":8443", "PORT=8443"), not inside a longer one or an address.</summary>
    private static bool MentionsNumber(string text, string number)
    {
        for (var at = text.IndexOf(number, StringComparison.Ordinal); at >= 0; at = text.IndexOf(number, at + 1, StringComparison.Ordinal))
        {
            var end = at + number.Length;
            if ((at == 0 || !(char.IsAsciiDigit(text[at - 1]) || text[at - 1] == '.')) && (end == text.Length || !char.IsAsciiDigit(text[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static ObjectResolution Absent(Evidence evidence) => new(Presence.Absent, [], evidence);

    private static string In(string? @namespace) => @namespace is null ? "" : $" in namespace '{@namespace}'";

    /// <summary>Whether a namespaced resource omits <c>metadata.namespace</c>, so that it is in the default namespace by omission.</summary>
    private static bool OmitsNamespace(Resource resource) =>
        resource.Namespace is not null && string.IsNullOrEmpty(resource.Root.StringAt("metadata", "namespace"));

    /// <summary>
    /// Whether the referrer and the target are apart because one of them omitted <c>metadata.namespace</c> while its unit
    /// states namespaces: the classic lost-namespace bug (kubectl put it in the default namespace).
    /// </summary>
    private bool LostNamespace(Resource from, Resource target, DeploymentUnit unit) =>
        (OmitsNamespace(from) || OmitsNamespace(target)) && _unitsStatingNamespaces.Contains(unit);

    /// <summary>Why the two are apart, said about whichever side omitted its namespace.</summary>
    private static string WhyApart(Resource from, Resource target)
    {
        var omitted = OmitsNamespace(from) ? from : OmitsNamespace(target) ? target : null;
        return omitted is null ? $" ({from.Kind} '{from.Name}' only sees objects of its own namespace)"
            : $" ({omitted.Kind} '{omitted.Name}' has no metadata.namespace, so it is in '{omitted.Namespace}')";
    }

    private static string FixApart(Resource from, Resource target, string fallback) =>
        OmitsNamespace(from) ? $"set metadata.namespace: {target.Namespace} on {from.Kind} '{from.Name}'"
        : OmitsNamespace(target) ? $"set metadata.namespace: {from.Namespace} on {target.Kind} '{target.Name}'"
        : fallback;

    private static Evidence ExplainOtherNamespace(Resource from, ObjectQuery query, Resource elsewhere)
    {
        var (kind, name, @namespace) = (query.Kind, query.Name, query.Namespace);
        var why = query.NamespaceIsWritten ? "" : WhyApart(from, elsewhere);
        var help = query.NamespaceIsWritten
            ? $"name namespace '{elsewhere.Namespace}' in the reference, or create {kind} '{name}' in namespace '{@namespace}'"
            : FixApart(from, elsewhere, $"create {kind} '{name}' in namespace '{@namespace}', or move {from.Kind} '{from.Name}' to namespace '{elsewhere.Namespace}'");
        return new Evidence(EvidenceKind.OtherNamespace, $"; it exists only in namespace '{elsewhere.Namespace}'{why}",
            [new RelatedLocation(elsewhere.Location, $"{kind} '{name}' in namespace '{elsewhere.Namespace}'")], help);
    }

    private static Evidence ExplainPodsElsewhere(Resource from, string @namespace, PodTemplate there)
    {
        var why = OmitsNamespace(from) || OmitsNamespace(there.Owner) ? WhyApart(from, there.Owner) : "";
        var help = FixApart(from, there.Owner, $"move {from.Kind} '{from.Name}' to namespace '{there.Namespace}' (a selector only selects pods of its own namespace)");
        return new Evidence(EvidenceKind.OtherNamespace, $"; pods with these labels exist only in namespace '{there.Namespace}'{why}",
            [new RelatedLocation(there.Owner.LocationOf(there.LabelsNode), $"{there.Owner.Kind} '{there.Owner.Name}' in namespace '{there.Namespace}' matches")], help);
    }

    /// <summary>
    /// A pod template the selector evidently meant: one requirement away (the other labels all match), or meeting at least
    /// half of them with every miss a label it lacks or a value spelled almost the same (<c>app: wbe</c> for
    /// <c>app: web</c>). A template that shares a common label but differs in the others (<c>part-of: shop</c>,
    /// <c>component: cart</c> against <c>component: checkout</c>) is another workload, not a near miss.
    /// </summary>
    public PodTemplate? NearMissTemplate(string @namespace, LabelSelector selector)
    {
        if (SelectorNearMiss.Closest(selector, Index, @namespace) is { } closest && IsNearMiss(selector, closest))
        {
            return closest;
        }

        if (selector.MatchExpressions.Count > 0 || selector.MatchLabels.Count == 0)
        {
            return null;
        }

        // Every template of the namespace is looked at, for each selector that matches nothing and has no other near
        // miss: the labels are copied once, so the scan itself allocates nothing.
        var wanted = selector.MatchLabels.ToArray();
        foreach (var template in Index.PodTemplatesIn(@namespace))
        {
            if (IsMisspelled(wanted, template))
            {
                return template;
            }
        }

        return null;
    }

    private Evidence? NearMiss(string @namespace, LabelSelector selector)
    {
        if (NearMissTemplate(@namespace, selector) is not { } near)
        {
            return null;
        }

        var unmet = selector.Unmet(near.Labels);
        var owner = near.Owner;
        return new Evidence(EvidenceKind.NearMiss, $"; {owner.Kind} '{owner.Name}' comes closest but lacks {string.Join(", ", unmet)}",
            [new RelatedLocation(owner.LocationOf(near.LabelsNode), $"{owner.Kind} '{owner.Name}' has {FormatLabels(near.Labels)}")],
            $"add {string.Join(", ", unmet.Select(u => u.Split(' ')[0]))} to the pod template labels of {owner.Kind} '{owner.Name}', or remove it from the selector");
    }

    private static bool IsNearMiss(LabelSelector selector, PodTemplate template)
    {
        var unmet = selector.RequirementCount - Met(selector, template);
        return unmet == 1 || selector.MatchLabels.All(l => !template.Labels.TryGetValue(l.Key, out var actual) || actual == l.Value || Similar(l.Value, actual));
    }

    /// <summary>Every label of a plain selector is on the template, at least one with a value spelled almost the same.</summary>
    private static bool IsMisspelled(KeyValuePair<string, string>[] wanted, PodTemplate template)
    {
        var misspelled = false;
        for (var i = 0; i < wanted.Length; i++)
        {
            var (key, value) = wanted[i];
            if (!template.Labels.TryGetValue(key, out var actual) || actual != value && !Similar(value, actual))
            {
                return false;
            }

            misspelled |= actual != value;
        }

        return misspelled;
    }

    private static int Met(LabelSelector selector, PodTemplate template) =>
        selector.MatchLabels.Count(l => template.Labels.TryGetValue(l.Key, out var actual) && actual == l.Value) +
        selector.MatchExpressions.Count(r => r.Matches(template.Labels));

    private static bool Similar(string wanted, string actual) =>
        SimilarNames.OneEditApart(wanted, actual) || SimilarNames.IsSimilar(wanted, actual);

    /// <summary>The templates of a namespace the selector certainly selects, and whether others may be selected.</summary>
    private (IReadOnlyList<PodTemplate> Matched, bool Maybe) Evaluate(string @namespace, LabelSelector selector)
    {
        var ordinary = WithoutControllerKeys(selector);
        if (ReferenceEquals(ordinary, selector))
        {
            // Template labels decide alone: the index's shared answer as it is. A thousand policies admitting "team: web"
            // must not each copy (or re-evaluate) the namespace's pods.
            var answer = Index.SelectPods(@namespace, selector);
            return (answer, answer.Count == 0 && _openTemplates.TryGetValue(@namespace, out var openOnly) &&
                openOnly.Any(t => PodLabelMatch.Evaluate(selector, t) != LabelMatch.No));
        }

        var matched = new List<PodTemplate>();
        var maybe = false;
        foreach (var candidate in Index.SelectPods(@namespace, ordinary))
        {
            switch (PodLabelMatch.Evaluate(selector, candidate))
            {
                case LabelMatch.Yes:
                    matched.Add(candidate);
                    break;
                case LabelMatch.Maybe:
                    maybe = true;
                    break;
            }
        }

        if (matched.Count == 0 && !maybe && _openTemplates.TryGetValue(@namespace, out var open))
        {
            maybe = open.Any(t => PodLabelMatch.Evaluate(selector, t) != LabelMatch.No);
        }

        return (matched, maybe);
    }

    private static LabelSelector WithoutControllerKeys(LabelSelector selector)
    {
        if (!selector.MatchLabels.Keys.Any(ControllerLabels.Keys.Contains) && !selector.MatchExpressions.Any(r => ControllerLabels.Keys.Contains(r.Key)))
        {
            return selector;
        }

        return new LabelSelector(
            selector.MatchLabels.Where(l => !ControllerLabels.Keys.Contains(l.Key)).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal),
            [.. selector.MatchExpressions.Where(r => !ControllerLabels.Keys.Contains(r.Key))]);
    }

    private static bool HasPlaceholder(LabelSelector selector) =>
        selector.MatchLabels.Any(l => TemplatePlaceholders.IsPlaceholder(l.Key) || TemplatePlaceholders.IsPlaceholder(l.Value)) ||
        selector.MatchExpressions.Any(r => TemplatePlaceholders.IsPlaceholder(r.Key) || r.Values.Any(TemplatePlaceholders.IsPlaceholder));

    private static string FormatLabels(IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? "no labels" : string.Join(", ", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + " only";
}
