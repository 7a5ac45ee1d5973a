using ManifestLint.Core.Model;

namespace ManifestLint.Core.Index;

/// <summary>An object that exists outside the input (declared in configuration), so references to it are fine.</summary>
public sealed record ExternalObject(string Kind, string? Namespace, string Name);

/// <summary>
/// One immutable view over every resource of a run, built once before any rule runs. Rules do lookups
/// here (by kind, by namespace and name, pods by label) instead of scanning everything for every resource.
/// </summary>
public sealed class ManifestIndex
{
    private readonly Dictionary<string, List<Resource>> _byKind = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Namespace, string Selector), IReadOnlyList<PodTemplate>> _selected = new();
    private readonly Dictionary<(string Kind, string Namespace), List<Resource>> _byKindIn = [];
    // The lookups with a bucket for about every object: kept as exact arrays once built (a list is two objects, and the
    // index is kept, and traced by every collection, for the rest of the run).
    private readonly Dictionary<(string Kind, string? Namespace, string Name), Resource[]> _byName;
    private readonly Dictionary<(string Kind, string Name), Resource[]> _byKindAndName;
    private readonly Dictionary<string, List<PodTemplate>> _podsByNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Namespace, string Key, string Value), PodTemplate[]> _podsByLabel;
    private readonly Dictionary<Resource, PodTemplate> _podTemplateByOwner = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<PodTemplate, int> _podOrdinal = new(ReferenceEqualityComparer.Instance);
    private long _candidatesExamined;
    private readonly HashSet<(string Kind, string? Namespace, string Name)> _external = [];
    private readonly HashSet<string> _externalKindsAnyNamespace = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, string Namespace, string Name), GeneratedObject> _generated = [];
    private readonly Dictionary<(string Kind, string Name), List<KustomizeGeneratedObject>> _kustomizeGenerated = [];
    private readonly ReadOnce<Resource, NetworkPolicy?> _networkPolicies = new(NetworkPolicy.TryRead);
    private readonly ReadOnce<PodTemplate, IReadOnlyList<ConfigReference>> _configReferences = new(ConfigReferences.Of);
    private readonly ReadOnce<Resource, IReadOnlySet<string>?> _declaredKeys = new(ConfigReferences.DeclaredKeys);

    public ManifestIndex(
        IReadOnlyList<Resource> resources,
        string defaultNamespace = Loading.LoadOptions.KubernetesDefaultNamespace,
        IReadOnlyList<PodTemplateOwner>? extraPodTemplateOwners = null,
        IReadOnlyList<ExternalObject>? externalObjects = null,
        IReadOnlyList<KustomizeGeneratedObject>? kustomizeGenerated = null,
        ParallelOptions? parallel = null)
    {
        Resources = resources;
        DefaultNamespace = defaultNamespace;
        // A user's declaration of a kind replaces the catalogue's: the user knows their operator's version.
        var owners = new Dictionary<(string Group, string Kind), PodTemplateOwner>();
        foreach (var owner in World.PodOwnerCatalog.WellKnown.Concat(extraPodTemplateOwners ?? []))
        {
            owners[(owner.Group, owner.Kind)] = owner;
        }


        // Reading pod templates and generated objects is per resource and the costly part: done concurrently when
        // allowed, then indexed in input order, so the index is the same either way.
        var templates = new PodTemplate?[resources.Count];
        var generatedObjects = new IReadOnlyList<GeneratedObject>[resources.Count];
        Parallel.For(0, resources.Count, parallel ?? Loading.ResourceFactory.Sequential, i =>
        {
            var resource = resources[i];
            generatedObjects[i] = [.. GeneratedObjects.From(resource)];
            templates[i] = owners.TryGetValue((resource.Group, resource.Kind), out var owner) ? PodTemplate.TryCreate(resource, owner) : null;
        });

        var byName = new Dictionary<(string Kind, string? Namespace, string Name), List<Resource>>();
        var byKindAndName = new Dictionary<(string Kind, string Name), List<Resource>>();
        var podsByLabel = new Dictionary<(string Namespace, string Key, string Value), List<PodTemplate>>();
        var podTemplates = new List<PodTemplate>();
        var allGenerated = new List<GeneratedObject>();
        var namespaces = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            Add(_byKind, resource.Kind, resource);
            if (!resource.HasGeneratedName)
            {
                // A generateName prefix is not a name: a reference by name can never reach the object.
                Add(byName, (resource.Kind, resource.Namespace, resource.Name), resource);
                Add(byKindAndName, (resource.Kind, resource.Name), resource);
            }

            if (resource.Namespace is not null)
            {
                namespaces.Add(resource.Namespace);
                Add(_byKindIn, (resource.Kind, resource.Namespace), resource);
            }

            if (resource.Kind == "Namespace" && resource.Group == "")
            {
                namespaces.Add(resource.Name);
            }

            foreach (var generated in generatedObjects[i])
            {
                _generated.TryAdd((generated.Kind, generated.Namespace, generated.Name), generated);
                allGenerated.Add(generated);
            }

            if (templates[i] is { } template)
            {
                _podOrdinal[template] = podTemplates.Count;
                podTemplates.Add(template);
                _podTemplateByOwner[resource] = template;
                Add(_podsByNamespace, template.Namespace, template);
                foreach (var (key, value) in template.Labels)
                {
                    Add(podsByLabel, (template.Namespace, key, value), template);
                }
            }
        }

        (_byName, _byKindAndName, _podsByLabel) = (Exact(byName), Exact(byKindAndName), Exact(podsByLabel));
        PodTemplates = podTemplates;
        Namespaces = namespaces;
        KustomizeGenerated = kustomizeGenerated ?? [];
        Generated = allGenerated;
        foreach (var generated in KustomizeGenerated)
        {
            Add(_kustomizeGenerated, (generated.Kind, generated.Name), generated);
        }

        foreach (var external in externalObjects ?? [])
        {
            _external.Add((external.Kind, external.Namespace, external.Name));
            if (external.Namespace is null or "*")
            {
                _externalKindsAnyNamespace.Add(external.Kind + "/" + external.Name);
            }
        }
    }

    public IReadOnlyList<Resource> Resources { get; }

    public string DefaultNamespace { get; }

    public IReadOnlyList<PodTemplate> PodTemplates { get; }

    /// <summary>Every object a known controller creates from an object of the input (see <see cref="GeneratedObjects"/>), in input order.</summary>
    public IReadOnlyList<GeneratedObject> Generated { get; }

    /// <summary>The ConfigMaps and Secrets the input's kustomize generators create.</summary>
    public IReadOnlyList<KustomizeGeneratedObject> KustomizeGenerated { get; }

    /// <summary>Every namespace the input declares (Namespace objects) or puts resources in.</summary>
    public IReadOnlySet<string> Namespaces { get; }

    public IReadOnlyList<Resource> OfKind(string kind) => _byKind.TryGetValue(kind, out var list) ? list : [];

    public IEnumerable<Resource> OfKind(string group, string kind) => OfKind(kind).Where(r => r.Group == group);

    /// <summary>
    /// Resources of a kind in one namespace, in input order. "Did you mean" searches start here: filtering
    /// <see cref="OfKind(string)"/> by namespace costs every object of the kind in the input, once per missing reference.
    /// </summary>
    public IReadOnlyList<Resource> OfKindIn(string kind, string @namespace) =>
        _byKindIn.TryGetValue((kind, @namespace), out var list) ? list : [];

    public Resource? Find(string kind, string? @namespace, string name) =>
        _byName.TryGetValue((kind, @namespace, name), out var list) ? list[0] : null;

    /// <summary>Every resource with this kind, namespace and name (an input may declare one twice, e.g. base and overlay).</summary>
    public IReadOnlyList<Resource> FindAll(string kind, string? @namespace, string name) =>
        _byName.TryGetValue((kind, @namespace, name), out var list) ? list : [];

    public Resource? Find(string group, string kind, string? @namespace, string name) =>
        _byName.TryGetValue((kind, @namespace, name), out var list) ? list.FirstOrDefault(r => r.Group == group) : null;

    /// <summary>Resources of a kind with this name in any namespace, to explain "it exists, but elsewhere".</summary>
    public IReadOnlyList<Resource> FindInAnyNamespace(string kind, string name) =>
        _byKindAndName.TryGetValue((kind, name), out var list) ? list : [];

    /// <summary>Whether configuration says this object exists outside the input.</summary>
    public bool IsDeclaredExternally(string kind, string? @namespace, string name) =>
        _external.Contains((kind, @namespace, name)) || _externalKindsAnyNamespace.Contains(kind + "/" + name);

    /// <summary>The object a known controller will create with this kind, namespace and name (see <see cref="GeneratedObjects"/>).</summary>
    public GeneratedObject? FindGenerated(string kind, string @namespace, string name) =>
        _generated.GetValueOrDefault((kind, @namespace, name));

    /// <summary>The object a kustomize configMapGenerator or secretGenerator of the input creates with this kind and name in the namespace.</summary>
    public KustomizeGeneratedObject? FindKustomizeGenerated(string kind, string? @namespace, string name) =>
        _kustomizeGenerated.TryGetValue((kind, name), out var list) ? list.FirstOrDefault(g => g.IsIn(@namespace)) : null;

    /// <summary>
    /// Whether an object will exist when the input is applied: declared in the input, created by a known
    /// controller from an object of the input or by a kustomize generator, or declared in configuration as
    /// existing outside the input.
    /// </summary>
    public bool WillExist(string kind, string? @namespace, string name) =>
        Find(kind, @namespace, name) is not null ||
        (@namespace is not null && FindGenerated(kind, @namespace, name) is not null) ||
        FindKustomizeGenerated(kind, @namespace, name) is not null ||
        IsDeclaredExternally(kind, @namespace, name);


    public PodTemplate? PodTemplateOf(Resource owner) => _podTemplateByOwner.GetValueOrDefault(owner);

    /// <summary>The resource read as a NetworkPolicy (see <see cref="NetworkPolicy.TryRead"/>), read once per run.</summary>
    public NetworkPolicy? NetworkPolicyOf(Resource resource) => NetworkPolicy.IsNetworkPolicy(resource) ? _networkPolicies.Get(resource) : null;

    /// <summary>The ConfigMaps and Secrets a pod template uses (see <see cref="ConfigReferences.Of"/>), read once per run.</summary>
    public IReadOnlyList<ConfigReference> ConfigReferencesOf(PodTemplate template) => _configReferences.Get(template);

    /// <summary>The keys a ConfigMap or Secret declares (see <see cref="ConfigReferences.DeclaredKeys"/>), read once per run.</summary>
    public IReadOnlySet<string>? DeclaredKeysOf(Resource resource) => _declaredKeys.Get(resource);

    public IReadOnlyList<PodTemplate> PodTemplatesIn(string @namespace) =>
        _podsByNamespace.TryGetValue(@namespace, out var list) ? list : [];

    /// <summary>Pod templates in a namespace whose labels include key=value, in input order (the posting list of the label).</summary>
    public IReadOnlyList<PodTemplate> PodTemplatesLabelled(string @namespace, string key, string value) =>
        _podsByLabel.TryGetValue((@namespace, key, value), out var list) ? list : [];

    /// <summary>A template's position in <see cref="PodTemplates"/> (input order), to merge posting lists in that order.</summary>
    public int OrdinalOf(PodTemplate template) => _podOrdinal[template];

    public Resource? NamespaceObject(string name) => Find("Namespace", null, name);

    /// <summary>
    /// Pod templates in a namespace that the selector selects. Starts from the smallest label posting list
    /// the selector pins down, so a namespace with thousands of workloads costs lookups, not a scan per query.
    /// Answers are kept per namespace and selector: a thousand NetworkPolicies that all admit "team: platform"
    /// ask one broad question a thousand times, which must not cost a thousand namespace-sized answers.
    /// </summary>
    public IReadOnlyList<PodTemplate> SelectPods(string @namespace, LabelSelector selector) =>
        _selected.GetOrAdd((@namespace, selector.Key), static (key, state) => state.Index.Select(key.Namespace, state.Selector), (Index: this, Selector: selector));

    private IReadOnlyList<PodTemplate> Select(string @namespace, LabelSelector selector)
    {
        IReadOnlyList<PodTemplate> candidates = PodTemplatesIn(@namespace);
        foreach (var (key, value) in selector.MatchLabels)
        {
            var posting = _podsByLabel.TryGetValue((@namespace, key, value), out var list) ? list : (IReadOnlyList<PodTemplate>)[];
            if (posting.Count < candidates.Count)
            {
                candidates = posting;
            }
        }

        var fromUnion = false;
        foreach (var requirement in selector.MatchExpressions.Where(r => r.Operator == SelectorOperator.In))
        {
            // Size the union from the posting counts before building it: building a union that is not the smallest
            // candidate list (tier In (web) when every pod is tier=web) would cost a namespace scan per query.
            var postings = requirement.Values.Distinct()
                .Select(v => _podsByLabel.TryGetValue((@namespace, requirement.Key, v), out var list) ? list : [])
                .ToList();
            var size = postings.Sum(p => p.Length);
            if (size < candidates.Count)
            {
                candidates = [.. postings.SelectMany(p => p)];
                fromUnion = true;
                Interlocked.Add(ref _candidatesExamined, size);
            }
        }

        if (candidates.Count == 0)
        {
            return [];
        }

        Interlocked.Add(ref _candidatesExamined, candidates.Count);
        var result = new List<PodTemplate>();
        foreach (var template in candidates)
        {
            if (selector.Matches(template.Labels))
            {
                result.Add(template);
            }
        }

        if (fromUnion)
        {
            // A union of postings is out of input order. It holds no template twice: a template has one value per key.
            result.Sort((a, b) => _podOrdinal[a].CompareTo(_podOrdinal[b]));
        }

        return result;
    }

    /// <summary>
    /// Pod templates <see cref="SelectPods"/> has put in a candidate list or matched, over the index's life. Tests
    /// assert that it grows linearly with the input (instead of timing anything).
    /// </summary>
    internal long CandidatesExamined => Interlocked.Read(ref _candidatesExamined);

    private static Dictionary<TKey, TValue[]> Exact<TKey, TValue>(Dictionary<TKey, List<TValue>> lists)
        where TKey : notnull
    {
        var exact = new Dictionary<TKey, TValue[]>(lists.Count, lists.Comparer);
        foreach (var (key, list) in lists)
        {
            exact.Add(key, [.. list]);
        }

        return exact;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }
}
