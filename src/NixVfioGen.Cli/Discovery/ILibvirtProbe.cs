using NixVfioGen.Doctor;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>Asks libvirt about the default network and the VM; read-only.</summary>
internal interface ILibvirtProbe
{
    LibvirtFacts Query(string uri, DomainName? vm);
}
