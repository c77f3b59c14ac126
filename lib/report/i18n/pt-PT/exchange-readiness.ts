// Textos em português europeu do teste de preparação do Exchange Online para DANE de entrada
// (issue 12): os achados (o que se viu, porque importa, o que mudar) e os textos do passo. Os
// argumentos ICU são os mesmos do inglês (tests/i18n).
import type { ExchangeReadinessCode } from "../../findings/exchange-readiness";
import type { FindingTexts } from "../types";

const RUN_AGAIN = "O Get-DnssecStatusForVerifiedDomain volta a mostrar o valor.";

export const ptExchangeReadinessFindings: Record<ExchangeReadinessCode, FindingTexts> = {
  EXR_EX002: {
    message: "EX002: {domain} tem um MX em mx.microsoft ({found}), mas não o esperado, {expected}.",
    why: "O Exchange Online verifica se o MX aponta exatamente para o DnssecMxValue que emitiu para o domínio; outro valor falha essa verificação.",
    remediation: `Aponte o MX para o DnssecMxValue devolvido pelo Enable-DnssecForVerifiedDomain. ${RUN_AGAIN}`,
  },
  EXR_EX003: {
    message: "EX003: o MX esperado {host} tem a preferência {preference} e não 0.",
    why: "Antes de ativar o DANE, o Exchange Online exige que o novo MX seja o registo preferido, com preferência 0.",
    remediation: "Depois de confirmar que o novo MX recebe correio, dê-lhe a preferência 0 (passo 5 do procedimento).",
  },
  EXR_EX004: {
    message: "EX004: {others} tem a mesma preferência ({preference}) que o MX esperado {host}.",
    why: "Os servidores de envio repartem o correio pelos MX de igual preferência, pelo que o novo MX ainda não é o primeiro a ser usado.",
    remediation: "Conclua os passos 5 e 6: preferência 0 para o novo MX e 30 para o antigo, confirme que o correio continua a chegar e elimine o MX antigo.",
  },
  EXR_EX005: {
    message: "EX005: {others} continua na lista depois do MX esperado {host}, como MX menos preferido.",
    why: "O Exchange Online só ativa o DANE quando o novo MX é o único do domínio; um registo que fique para trás é um caminho que contorna o DANE.",
    remediation: "Conclua o passo 6: elimine o registo MX antigo (…mail.protection.outlook.com, …mail.eo.outlook.com ou …mail.protection.outlook.de).",
  },
  EXR_EX006: {
    message: "EX006: {others} é preferido em relação ao MX esperado {host}.",
    why: "Enquanto outro MX tiver um número de preferência mais baixo, os servidores de envio entregam-lhe primeiro e o novo MX só recebe como alternativa.",
    remediation: "Torne o MX antigo menos preferido do que o novo: preferência 30 para o antigo e 0 para o novo (passo 5).",
  },
  EXR_EX007: {
    message: "EX007: nenhum registo MX de {domain} aponta para o MX esperado {expected}.",
    why: "A migração começa por acrescentar o DnssecMxValue como registo MX; o Exchange Online não o encontra.",
    remediation: `Acrescente um registo MX para {expected} com preferência 20 e um TTL baixo (passo 3). ${RUN_AGAIN}`,
  },
  EXR_EX008: {
    message: "EX008: o MX esperado {host} tem a preferência {preference}; neste passo do procedimento devia ter {wanted}.",
    why: "O novo MX está menos preferido do que o procedimento prevê neste ponto, pelo que recebe menos correio do que devia.",
    remediation: "Dê ao novo MX a preferência {wanted}: 20 enquanto o MX antigo estiver à frente, 0 depois da troca.",
  },
  EXR_EX009: {
    message: "EX009: o MX esperado {host} tem a preferência {preference}; neste passo do procedimento devia ter {wanted}.",
    why: "O novo MX está mais preferido do que o procedimento prevê neste ponto, antes de ter sido verificado.",
    remediation: "Dê ao novo MX a preferência {wanted} até o correio através dele estar verificado e só depois troque as preferências.",
  },
  EXR_EX010: {
    message: "EX010: não foi possível validar os registos MX de {domain} (DNSSEC bogus).",
    why: "Um domínio assinado cuja resposta MX falha a validação não dá ao Exchange Online, nem a qualquer servidor que valide, nada que possa usar.",
    remediation: "Corrija as assinaturas do conjunto MX no fornecedor de DNS (ou desative lá o DNSSEC e abra um pedido de suporte) e repita a verificação.",
  },
  EXR_EX012: {
    message: "EX012: {domain} não tem registos MX.",
    why: "O Exchange Online verifica os registos MX do domínio; sem nenhum, não há nada para passar para o novo MX.",
    remediation: "Publique o registo MX que o Exchange Online indica para o domínio (o DnssecMxValue, com preferência 0).",
  },
  EXR_EX013: {
    message: "EX013: nenhum MX de {domain} tem a nova forma <token>.<subdomínio>.mx.microsoft e não foi indicado um valor esperado.",
    why: "Enquanto o Enable-DnssecForVerifiedDomain não emitir um DnssecMxValue, não há MX esperado com que comparar os registos.",
    remediation: "Execute Enable-DnssecForVerifiedDomain -DomainName {domain} e indique o DnssecMxValue a este teste (o campo do MX esperado).",
  },
  EXR_ED003: {
    message: "ED003: nenhum anfitrião MX de {domain} tem um registo de endereço seguro por DNSSEC.",
    why: "O Exchange Online precisa de um MX cujo registo A seja validado; sem isso o domínio não ganha nada com o DNSSEC nem com o DANE.",
    remediation: "Verifique de novo mais tarde o novo MX e a sua zona (as alterações de DNS podem demorar até 48 horas); se persistir, reverta: volte a pôr o MX antigo, execute Disable-DnssecForVerifiedDomain e elimine o MX em mx.microsoft.",
  },
  EXR_ES001: {
    message: "ES001: a política MTA-STS de {domain} está em modo enforce e nenhuma das suas linhas mx ({patterns}) corresponde ao MX esperado {expected}.",
    why: "Os servidores de envio que aplicam o MTA-STS recusam entregar a um MX que a política não lista, pelo que o correio enviado para o novo MX seria devolvido.",
    remediation: "Mude a política para mode: testing, acrescente uma linha mx para {expected}, altere o id no registo _mta-sts e espere que passe o max_age antigo.",
  },
  EXR_ES002: {
    message: "ES002: {domain} publica MTA-STS, mas não há um MX esperado com que comparar a política.",
    why: "O Exchange Online compara as linhas mx da política com o seu novo MX; sem um DnssecMxValue essa comparação não é possível.",
    remediation: "Execute primeiro o Enable-DnssecForVerifiedDomain e indique o DnssecMxValue a este teste.",
  },
  EXR_DOMAIN_NOT_SUPPORTED: {
    message: "{domain} é o domínio onmicrosoft.com de um inquilino: o Exchange Online não oferece DANE de entrada para ele (DomainNotSupported).",
    why: "Os domínios iniciais (MOERA) não podem ser ativados para DNSSEC nem para DANE; os cmdlets recusam-nos.",
    remediation: "Use um domínio personalizado do inquilino, que não termine em onmicrosoft.com.",
  },
  EXR_DNS_NXDOMAIN: {
    message: "{domain} não existe no DNS (NXDOMAIN).",
    why: "Os cmdlets param com \"domínio não encontrado\" quando a consulta MX recebe NXDOMAIN.",
    remediation: "Confirme o nome e que o domínio está delegado e publicado no fornecedor de DNS; uma delegação nova pode demorar até 48 horas a ser vista.",
  },
  EXR_DNS_QUERY_FAILED: {
    message: "A consulta MX de {domain} falhou (sem resposta utilizável: tempo esgotado ou SERVFAIL).",
    why: "Os cmdlets param com um erro de consulta DNS quando os servidores de nomes do domínio não respondem como devem.",
    remediation: "Confirme que todos os servidores de nomes do domínio respondem à consulta MX e repita a verificação.",
  },
  EXR_GATEWAY: {
    message: "{domain} está verificado no Microsoft 365, mas o seu MX ({hosts}) aponta para outro lado: parece haver um gateway de correio à frente do Exchange Online.",
    why: "Com um gateway à frente, os servidores de envio nunca chegam diretamente ao Exchange Online; o DANE para o Exchange só protege o troço do próprio gateway, se este validar DNSSEC e DANE.",
    remediation: "Execute Enable-DnssecForVerifiedDomain, configure o DnssecMxValue como smart host do gateway e verifique esse nome com o teste de validação DNSSEC. Os passos MX do procedimento não se aplicam.",
  },
  EXR_TLSA_NO_MATCH: {
    message: "O DANE está publicado para {host} ({name}), mas nenhum registo TLSA corresponde ao que o anfitrião apresentou.",
    why: "O Exchange Online publica vários registos TLSA e conta que alguns não correspondam, mas pelo menos um tem de corresponder; caso contrário, os servidores DANE adiam o correio (4.7.323).",
    remediation: "Desative o DANE de entrada com Disable-SmtpDaneInbound -DomainName <domínio> enquanto procura a causa e volte a ativá-lo depois.",
  },
  EXR_TLSA_FAILED: {
    message: "A consulta TLSA em {name} para {host} falhou ({status}).",
    why: "Uma consulta TLSA que falha a validação ou fica sem resposta leva os servidores DANE a adiar o correio (4.7.324).",
    remediation: "Se persistir, desative o DANE de entrada com Disable-SmtpDaneInbound -DomainName <domínio> e comunique-o à Microsoft.",
  },
  EXR_STS_ENFORCE_DURING_MIGRATION: {
    message: "A política MTA-STS de {domain} está em modo enforce enquanto os registos MX mudam.",
    why: "O procedimento põe o MTA-STS em testing enquanto os MX entram e saem, para que um servidor com a política antiga em cache não recuse o novo MX.",
    remediation: "Mude para mode: testing, liste o novo MX, altere o id no registo _mta-sts e espere o max_age da política antes da próxima alteração MX.",
  },
  EXR_STS_ENFORCE_AGAIN: {
    message: "O DANE funciona para {domain}; a política MTA-STS continua em modo testing.",
    why: "O modo testing servia para a migração; com o DANE a funcionar e o correio a chegar, a política pode voltar a proteger.",
    remediation: "Volte a pôr a política em mode: enforce e altere o id no registo _mta-sts.",
  },
  EXR_TTL_BELOW_MINIMUM: {
    message: "O TTL do MX é {ttl} s, abaixo dos {minimum} s que o procedimento admite.",
    why: "A Microsoft aconselha um TTL tão baixo quanto possível durante a migração, mas nunca inferior a {minimum} segundos.",
    remediation: "Defina o TTL do MX para {minimum} s ou mais.",
  },
  EXR_TTL_LOWER: {
    message: "O TTL do MX é {ttl} s com a migração em curso.",
    why: "Cada alteração MX só chega aos servidores de envio quando expira o TTL que guardaram em cache; um TTL longo alonga cada passo.",
    remediation: "Reduza o TTL do MX tanto quanto o fornecedor de DNS permitir (não abaixo de 30 s; {target} s ou menos) e espere que expire o TTL antigo antes da próxima alteração.",
  },
  EXR_TTL_LOWER_FIRST: {
    message: "O TTL do MX é {ttl} s: reduza-o antes de começar a migração.",
    why: "O procedimento começa por reduzir o TTL, para que cada alteração MX seguinte seja vista depressa.",
    remediation: "Reduza o TTL do MX tanto quanto o fornecedor de DNS permitir (não abaixo de 30 s; {target} s ou menos) e espere {ttl} s antes do passo seguinte.",
  },
  EXR_TTL_RAISE: {
    message: "O TTL do MX é {ttl} s; a migração terminou.",
    why: "Com o novo MX sozinho, um TTL curto só acrescenta consultas; o procedimento termina com um TTL de {target} s.",
    remediation: "Suba o TTL do MX para {target} s.",
  },
};

export const ptExchangeReadinessSteps: Readonly<Record<string, string>> = {
  "exchangeReadiness.title": "A verificar a preparação de «{domain}» para o DANE de entrada do Exchange Online.",
  "exchangeReadiness.summary":
    "{stage, select, not_exchange {Os registos MX não apontam para o Exchange Online} legacy_only {Só está configurado o MX antigo do Exchange Online} new_mx_added {O novo MX em mx.microsoft está configurado ao lado do antigo} new_mx_primary {O novo MX está à frente; o MX antigo ainda existe} new_mx_only {O novo MX é o único; o DANE ainda não está ativado} dane_enabled {O DANE de entrada funciona através do novo MX} other {O procedimento não pode começar para este domínio}}. A seguir: {nextStep, select, none {nada a fazer para o Exchange Online} use_custom_domain {usar um domínio personalizado} fix_dns {corrigir o DNS do domínio} add_mx {publicar os registos MX} gateway_smarthost {apontar o gateway para o novo MX e verificá-lo com o teste DNSSEC} lower_ttl {reduzir o TTL do MX} sts_testing {pôr o MTA-STS em testing} enable_dnssec {ativar o DNSSEC do domínio no Exchange Online} add_new_mx {acrescentar o novo MX com preferência 20} swap_priorities {trocar as preferências dos MX} delete_legacy {eliminar o MX antigo} fix_mx {corrigir os registos MX} raise_ttl {subir o TTL do MX para 3600 s} enable_dane {ativar o DANE de entrada} rollback_dnssec {voltar ao MX antigo} disable_dane {desativar o DANE de entrada} sts_enforce {voltar a pôr o MTA-STS em enforce} other {nada; a migração está concluída}}.",
  "exchangeReadiness.stage": "Fase: {stage}",
  "exchangeReadiness.codes": "Códigos que os cmdlets do Exchange Online dariam: {codes}",
  "exchangeReadiness.noCodes": "Códigos que os cmdlets do Exchange Online dariam: nenhum",
  "exchangeReadiness.expected": "MX esperado: {host}",
  "exchangeReadiness.token": "Token MX do domínio: {token}",
  "exchangeReadiness.mx": "MX {preference} {host} ({kind, select, legacy {Exchange Online antigo} new {novo, em mx.microsoft} other {fora do Exchange Online}})",
  "exchangeReadiness.ttl": "TTL do MX: {ttl} s ({source, select, rrsig {o Original TTL da RRSIG sobre os registos MX: o TTL definido na zona} other {o TTL da resposta: através de um resolvedor com cache, o que lhe restava}})",
  "exchangeReadiness.cmdlet": "Cmdlet: {cmdlet} -DomainName {domain}",
  "exchangeReadiness.wait": "Depois, espere {seconds} s antes do passo seguinte.",
};
