namespace NixVfioGen.Model;

/// <summary>
/// Each vCPU on its own host CPU (vCPU i on the i-th CPU of the list), and the emulator and I/O
/// threads on others: the two sets never share a CPU.
/// </summary>
public sealed record CpuPinning
{
    public CpuPinning(CpuList vcpus, CpuList? emulator)
    {
        if (emulator is not null && vcpus.Cpus.Intersect(emulator.Cpus).FirstOrDefault(-1) is var shared and >= 0)
        {
            throw new InvalidInputException(emulator.ToString(), $"host CPUs apart from the vCPUs' ({shared} is in both)");
        }
        Vcpus = vcpus;
        Emulator = emulator;
    }

    public CpuList Vcpus { get; }

    /// <summary>Where QEMU's emulator and I/O threads run; unset, they float over the host's CPUs.</summary>
    public CpuList? Emulator { get; }
}
