using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;
using VapiAgents.Application.Common.Security;
using VapiAgents.Domain.Agents;

namespace VapiAgents.Infrastructure.Identity;

/// <summary>Opens what <see cref="SealingXmlEncryptor"/> sealed (Data Protection creates it with the service provider).</summary>
internal sealed class SealedXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var sealedKey = new SealedSecret((string)encryptedElement.Attribute("keyId")!, Convert.FromBase64String(encryptedElement.Value));
        var plaintext = services.GetRequiredService<ISecretProtector>().Unseal(sealedKey, SecretPurpose.TokenSigningKey, Guid.Empty);
        return XElement.Parse(plaintext.Reveal());
    }
}
