using NixVfioGen.Doctor;
using NixVfioGen.Model;

namespace NixVfioGen.Cli.Discovery;

/// <summary>Asks libvirt about the default network and the VM; read-only.</summary>
internal interface ILibvirtProbe
{
    Task<LibvirtFacts> QueryAsync(string uri, DomainName? vm, CancellationToken cancellation);
}
