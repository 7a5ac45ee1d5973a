namespace ManifestLint.Core.Connectivity;

/// <summary>One end of a connection in the connectivity report, named as netpol-analyzer names it.</summary>
public abstract record ConnectivityPeer
{
    /// <summary>The peer's name in every output format: <c>ns/name[Kind]</c>, <c>first-last[External]</c>, <c>{ingress-controller}</c>.</summary>
    public abstract string DisplayName { get; }

    public sealed override string ToString() => DisplayName;
}

/// <summary>The pods of one workload: a controller object, a bare Pod's controlling owner, or a Pod of its own.</summary>
public sealed record WorkloadPeer(string Namespace, string Name, string Kind) : ConnectivityPeer
{
    // Made once: the report sorts hundreds of thousands of rows by it.
    public override string DisplayName { get; } = $"{Namespace}/{Name}[{Kind}]";
}

/// <summary>Addresses outside the cluster, as one range that every ipBlock of the input admits either entirely or not at all.</summary>
public sealed record ExternalPeer(Ipv4Range Range) : ConnectivityPeer
{
    public override string DisplayName { get; } = $"{Range}[External]";
}

/// <summary>The cluster's ingress controller, which sends the traffic Ingress objects route (only ever a source).</summary>
public sealed record IngressControllerPeer : ConnectivityPeer
{
    public static IngressControllerPeer Instance { get; } = new();

    public override string DisplayName => "{ingress-controller}";
}
