using ManifestLint.Core.Connectivity;

namespace ManifestLint.Core.Tests.Connectivity;

/// <summary>Port sets and connection sets: their algebra, and how netpol-analyzer writes them.</summary>
[TestClass]
public sealed class PortSetTests
{
    [TestMethod]
    public void Every_port_of_every_protocol_is_written_All_Connections()
    {
        Assert.AreEqual("All Connections", ConnectionSet.All.ToString());
        var everyPortByRanges = ConnectionSet.Of(TransportProtocol.TCP, PortSet.Range(1, 100).Union(PortSet.Range(101, 65535)))
            .Union(ConnectionSet.Of(TransportProtocol.UDP, PortSet.All))
            .Union(ConnectionSet.Of(TransportProtocol.SCTP, PortSet.All));
        Assert.IsTrue(everyPortByRanges.IsAll);
        Assert.AreEqual("All Connections", everyPortByRanges.ToString());
    }

    [TestMethod]
    public void Protocols_are_written_in_name_order_and_adjacent_ports_merge_into_runs()
    {
        var connections = ConnectionSet.Of(TransportProtocol.UDP, PortSet.Single(53))
            .Union(ConnectionSet.Of(TransportProtocol.TCP, PortSet.Range(81, 65535)))
            .Union(ConnectionSet.Of(TransportProtocol.TCP, PortSet.Range(1, 79)))
            .Union(ConnectionSet.Of(TransportProtocol.SCTP, PortSet.Single(9090)))
            .Union(ConnectionSet.Of(TransportProtocol.SCTP, PortSet.Single(8956)));

        Assert.AreEqual("SCTP 8956,9090,TCP 1-79,81-65535,UDP 53", connections.ToString());
        Assert.AreEqual("8000-8010", PortSet.Range(8000, 8005).Union(PortSet.Range(8006, 8010)).ToString());
    }

    [TestMethod]
    public void Intersection_keeps_only_ports_both_sides_allow_protocol_by_protocol()
    {
        var egress = ConnectionSet.Of(TransportProtocol.TCP, PortSet.Range(80, 90)).Union(ConnectionSet.Of(TransportProtocol.UDP, PortSet.Single(53)));
        var ingress = ConnectionSet.Of(TransportProtocol.TCP, PortSet.Range(85, 100));

        Assert.AreEqual("TCP 85-90", egress.Intersect(ingress).ToString());
        Assert.IsTrue(ConnectionSet.Of(TransportProtocol.UDP, PortSet.Single(53)).Intersect(ingress).IsEmpty);
    }

    [TestMethod]
    public void Ports_outside_1_to_65535_do_not_exist()
    {
        Assert.AreEqual("1-10", PortSet.Range(0, 10).ToString());
        Assert.IsTrue(PortSet.Range(70000, 80000).IsEmpty);
        Assert.IsTrue(PortSet.Range(10, 5).IsEmpty);
    }
}

/// <summary>IPv4 ranges from ipBlocks, and the cut of the address space into External peers.</summary>
[TestClass]
public sealed class Ipv4RangeTests
{
    [TestMethod]
    public void A_cidr_is_the_inclusive_range_of_its_addresses_whatever_its_host_bits()
    {
        Assert.AreEqual("10.0.0.0-10.255.255.255", Ipv4Range.ParseCidr("10.1.2.3/8")!.Value.ToString());
        Assert.AreEqual("0.0.0.0-255.255.255.255", Ipv4Range.ParseCidr("0.0.0.0/0")!.Value.ToString());
        Assert.AreEqual("192.168.1.7-192.168.1.7", Ipv4Range.ParseCidr("192.168.1.7/32")!.Value.ToString());
        Assert.IsNull(Ipv4Range.ParseCidr("2001:db8::/32"), "IPv6 is not analysed");
        Assert.IsNull(Ipv4Range.ParseCidr("10.0.0.0"));
    }

    [TestMethod]
    public void The_address_space_is_cut_at_every_boundary_and_adjacent_pieces_stay_apart()
    {
        var pieces = Ipv4Range.Partition([Ipv4Range.ParseCidr("10.0.0.0/8")!.Value, Ipv4Range.ParseCidr("10.0.0.0/16")!.Value]);

        CollectionAssert.AreEqual(
            new[] { "0.0.0.0-9.255.255.255", "10.0.0.0-10.0.255.255", "10.1.0.0-10.255.255.255", "11.0.0.0-255.255.255.255" },
            pieces.Select(p => p.ToString()).ToArray());
        Assert.AreEqual("0.0.0.0-255.255.255.255", Ipv4Range.Partition([]).Single().ToString());
    }
}
