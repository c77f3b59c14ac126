// Textos em português europeu de cada constatação (finding): mensagem, porquê e correção, em ICU
// MessageFormat sobre os mesmos parâmetros do texto inglês (lib/report/i18n/en/findings.ts).
// Norma: pt-PT pós-Acordo (registo, ficheiro, utilizador, ligação, receção), imperativo formal
// ("Verifique", "Publique"); tests/i18n recusa formas do português do Brasil e parâmetros diferentes.
// Parâmetros como {reason}, {problem} ou {detail} trazem texto do protocolo ou do sistema, tal como veio.
import type { FindingTexts } from "../types";
import { ptMailAuthFindings } from "./mail-auth";
import { ptExchangeReadinessFindings } from "./exchange-readiness";

export const ptFindings: Readonly<Record<string, FindingTexts>> = {
  // geral: o pedido e a descoberta dos anfitriões de correio
  INPUT_INVALID: {
    message: "«{input}» não é um nome de domínio nem um endereço de correio eletrónico que o mailsec possa testar: {problem}",
    why: "Os nomes de anfitrião só podem ter letras, algarismos e hífenes, em etiquetas de 63 octetos no máximo e 253 octetos no total.",
    remediation: "Introduza o domínio que recebe o correio (exemplo.pt) ou um endereço completo (alguem@exemplo.pt).",
  },
  RUN_TIMED_OUT: {
    message: "O teste não terminou em {seconds} s e foi interrompido.",
    why: "Cada teste tem um limite de tempo, para que um servidor que não responde não mantenha a execução aberta.",
    remediation: "Volte a executar o teste; se parar outra vez no mesmo passo, esse servidor ou servidor de nomes não está a responder.",
  },
  INTERNAL_ERROR: {
    message: "O mailsec falhou internamente ao verificar isto: {detail}",
    why: "Trata-se de uma falha do mailsec e não do domínio em teste; o resultado desta parte é desconhecido.",
    remediation: "Volte a executar o teste; se falhar da mesma forma, comunique-o aos responsáveis pelo mailsec com a ligação para este resultado.",
  },
  RESOLVER_UNREACHABLE: {
    message: "Nenhum dos resolvedores configurados respondeu à consulta de {name} {type}.",
    why: "Sem respostas, o mailsec não consegue obter os registos MX, de endereço e TLSA que tem de verificar.",
    remediation: "Verifique os endereços de resolvedor indicados ao mailsec e se respondem a DNS sobre UDP e TCP.",
  },
  MX_NULL: {
    message: "{domain} publica um registo MX nulo: não aceita correio.",
    why: "Um MX nulo (um único MX com preferência 0 e destino «.») indica aos servidores de envio que devolvam o correio de imediato.",
    remediation: "Se o domínio deve receber correio, substitua o MX nulo pelos nomes dos seus servidores de correio.",
  },
  MX_IMPLICIT: {
    message: "{domain} não tem registos MX; os servidores de envio recorrem aos endereços do próprio domínio.",
    why: "Sem registos MX, o SMTP trata o próprio domínio como o único anfitrião de correio, com preferência 0.",
    remediation: "Publique registos MX com os nomes dos seus servidores de correio, mesmo que seja o anfitrião do próprio domínio.",
  },
  DOMAIN_NXDOMAIN: {
    message: "{domain} não existe no DNS (NXDOMAIN).",
    why: "O correio para um nome que não existe é devolvido de imediato ao remetente.",
    remediation: "Verifique a ortografia do domínio e se este está delegado a partir da zona-mãe.",
  },
  MX_INSECURE: {
    message: "Os registos MX de {domain} não estão assinados com DNSSEC: os servidores de envio não podem usar DANE para este domínio.",
    why: "O DANE só se aplica quando a autenticidade do conjunto de registos MX está provada; caso contrário, um atacante poderia substituir os anfitriões MX.",
    remediation: "Assine a zona com DNSSEC e publique o respetivo registo DS na zona-mãe; depois, publique registos TLSA para os anfitriões MX.",
  },
  MX_BOGUS: {
    message: "Os registos MX de {domain} falharam a validação DNSSEC.",
    why: "Um servidor de envio que valida DNSSEC não pode usar dados MX que falham a validação, pelo que o correio é adiado.",
    remediation: "Corrija as assinaturas da zona ou o registo DS na zona-mãe (veja os passos DNSSEC) e volte a assinar a zona.",
  },
  MX_LOOKUP_FAILED: {
    message: "A pesquisa MX de {domain} falhou: não chegou nenhuma resposta utilizável.",
    why: "Um servidor de envio que não consegue obter os registos MX (SERVFAIL, sem resposta) adia o correio e tenta mais tarde.",
    remediation: "Garanta que todos os servidores de nomes autoritativos do domínio respondem a consultas MX sobre UDP e TCP.",
  },
  HOST_ADDRESS_BOGUS: {
    message: "Os registos de endereço de {host} falharam a validação DNSSEC.",
    why: "Um servidor de envio não se pode ligar a um endereço obtido de dados DNS inválidos; o anfitrião fica inutilizável.",
    remediation: "Corrija as assinaturas DNSSEC da zona que contém os registos de endereço do anfitrião MX (volte a assiná-la e confirme que o DS na zona-mãe corresponde a uma chave atual).",
  },
  HOST_ADDRESS_INSECURE: {
    message: "Os endereços de {host} não estão assinados com DNSSEC: os servidores de envio não usam DANE para este anfitrião.",
    why: "Os registos TLSA só são pesquisados para um anfitrião MX cujos registos de endereço são seguros.",
    remediation: "Coloque o nome do anfitrião MX numa zona assinada (com um registo DS na zona-mãe) para que o DANE se lhe aplique.",
  },
  HOST_NO_ADDRESS: {
    message: "{host} não tem registos A nem AAAA.",
    why: "Um servidor de envio não consegue contactar um anfitrião MX sem endereço.",
    remediation: "Publique registos A e/ou AAAA para o anfitrião MX, ou retire-o dos registos MX.",
  },
  HOST_CNAME_INSECURE: {
    message: "{host} é um alias cuja cadeia CNAME não é totalmente segura; o TLSA só é pesquisado no nome original.",
    why: "O domínio base do TLSA só pode seguir um CNAME quando todos os elos da cadeia são seguros em DNSSEC.",
    remediation: "Assine todas as zonas ao longo da cadeia de aliases, ou indique diretamente no registo MX o anfitrião final.",
  },
  TLSA_LOOKUP_SECURE: {
    message:
      "{name} tem {count, plural, one {# registo TLSA seguro} other {# registos TLSA seguros}} em DNSSEC, {usable, plural, one {# utilizável} other {# utilizáveis}} para SMTP.",
    why: "Registos TLSA seguros e utilizáveis tornam o DANE obrigatório para este anfitrião: são exigidos o STARTTLS e um certificado correspondente.",
    remediation: "",
  },
  TLSA_LOOKUP_ABSENT: {
    message: "{name} não tem registos TLSA (negação de existência autenticada).",
    why: "Sem registos TLSA, os servidores de envio recorrem ao TLS oportunista para este anfitrião.",
    remediation: "Para proteger este anfitrião com DANE, publique um registo TLSA como «3 1 1 <SHA-256 da chave pública do servidor>».",
  },
  TLSA_LOOKUP_INSECURE: {
    message: "A pesquisa TLSA de {name} não é segura em DNSSEC.",
    why: "Só podem ser usados registos TLSA cuja autenticidade o DNSSEC prova; os inseguros são ignorados.",
    remediation: "Assine a zona que contém o nome TLSA (_25._tcp.<anfitrião MX>) e ligue-a à zona-mãe com um registo DS.",
  },
  TLSA_LOOKUP_BOGUS: {
    message: "A pesquisa TLSA de {name} falhou a validação DNSSEC.",
    why: "Uma resposta TLSA inválida significa que o anfitrião não pode ser usado para entrega até a zona voltar a validar.",
    remediation: "Corrija as assinaturas DNSSEC ou os registos de negação (NSEC/NSEC3) da zona que contém o nome TLSA (_25._tcp.<anfitrião MX>).",
  },
  TLSA_LOOKUP_SERVFAIL: {
    message: "A pesquisa TLSA de {name} falhou: não chegou nenhuma resposta utilizável.",
    why: "Uma pesquisa TLSA que falha não é uma negação: o servidor de envio tem de tratar o anfitrião como inutilizável em vez de ignorar o DANE.",
    remediation: "Faça com que os servidores autoritativos respondam às consultas TLSA de _25._tcp.<anfitrião MX> com os registos ou com um NODATA/NXDOMAIN assinado, nunca com SERVFAIL nem silêncio.",
  },

  // dnssec: o validador
  DNSSEC_RRSIG_EXPIRED: {
    message: "A assinatura de {rrset} feita com a chave {keyTag} expirou em {expiration, date, instant} (verificado em {now, date, instant}).",
    why: "Depois de expirar, uma assinatura não prova nada, pelo que os resolvedores que validam tratam os dados como inválidos e recusam-nos.",
    remediation: "Volte a assinar a zona e garanta que o processo de assinatura corre com uma periodicidade que renova as assinaturas muito antes de expirarem.",
  },
  DNSSEC_RRSIG_NOT_YET_VALID: {
    message: "A assinatura de {rrset} feita com a chave {keyTag} só é válida a partir de {inception, date, instant} (verificado em {now, date, instant}).",
    why: "Uma assinatura cujo início de validade está no futuro ainda não pode ser usada, pelo que os resolvedores que validam rejeitam os dados até lá.",
    remediation: "Verifique o relógio do sistema que assina e volte a assinar com uma hora de início ligeiramente no passado.",
  },
  DNSSEC_RRSIG_BAD_SIGNATURE: {
    message: "A assinatura de {rrset} feita com a chave {keyTag} não é válida.",
    why: "Uma assinatura que não corresponde aos dados significa que estes foram alterados depois de assinados ou assinados com outra chave; os resolvedores recusam-nos.",
    remediation: "Volte a assinar a zona com as chaves publicadas no respetivo conjunto DNSKEY e confirme que nada reescreve os registos depois da assinatura.",
  },
  DNSSEC_RRSIG_MISSING: {
    message: "{rrset} não tem assinatura da zona {zone}, que está assinada.",
    why: "Numa zona assinada, cada conjunto de registos autoritativo tem de ter uma assinatura; um conjunto sem ela não se distingue de dados forjados.",
    remediation: "Assine a zona por completo (incluindo os registos acrescentados depois da última assinatura) e confirme que todos os servidores de nomes servem a cópia assinada.",
  },
  DNSSEC_RRSIG_MALFORMED: {
    message:
      "A assinatura de {rrset} com a chave {keyTag} é inutilizável: {problem, select, signer_not_zone {o nome do signatário não é o vértice da zona} signer_not_ancestor {o signatário não é um ascendente do nome do titular} type_mismatch {cobre outro tipo de registo} labels_invalid {o campo de etiquetas não condiz com o nome do titular} unsupported_algorithm {usa um algoritmo que o mailsec não suporta} not_checked {não foi verificada, por se ter atingido o limite de verificações} malformed {está mal formada} other {{problem}}}.",
    why: "Uma assinatura cujo nome do signatário ou número de etiquetas não condiz com o registo que cobre não pode ser verificada e é tratada como inválida.",
    remediation: "Volte a assinar a zona com uma ferramenta de assinatura normal; o nome do signatário tem de ser o vértice da zona e o número de etiquetas tem de corresponder ao nome do titular.",
  },
  DNSSEC_NO_MATCHING_KEY: {
    message: "{rrset} está assinado com a chave {keyTag} (algoritmo {algorithm}), que não é uma chave utilizável do conjunto DNSKEY de {zone}.",
    why: "Só se pode confiar numa assinatura através de uma chave que a zona publica e que a cadeia de confiança garante.",
    remediation: "Publique a chave de assinatura no conjunto DNSKEY da zona com o indicador de chave de zona (e sem o indicador de revogação), ou volte a assinar com uma chave publicada.",
  },
  DNSSEC_DNSKEY_MISSING: {
    message: "A zona {zone} tem registos DS na zona-mãe, mas não tem um conjunto DNSKEY validamente assinado: {problem}.",
    why: "A zona-mãe indica que a zona está assinada; sem as respetivas chaves, nada nela pode ser validado e os resolvedores devolvem SERVFAIL.",
    remediation: "Sirva o conjunto DNSKEY a partir de todos os servidores de nomes da zona, assinado pela chave para a qual aponta o DS da zona-mãe.",
  },
  DNSSEC_DS_MISMATCH: {
    message: "Nenhuma DNSKEY de {zone} corresponde aos registos DS na zona-mãe ({ds, select, none {a âncora de confiança configurada} other {{ds}}}).",
    why: "O registo DS é a forma de a zona-mãe garantir a chave da zona-filha; se não apontar para nenhuma chave publicada, a cadeia de confiança quebra-se.",
    remediation: "Atualize os registos DS na entidade de registo do domínio ou na zona-mãe para corresponderem à chave de assinatura de chaves (KSK) atual da zona, ou publique a chave para a qual apontam.",
  },
  DNSSEC_DENIAL_MISSING: {
    message:
      "{kind, select, wildcard {A resposta por carácter universal (wildcard)} no_data {A resposta sem dados (NODATA)} no_DS {A resposta sem DS} other {A resposta {kind}}} para {name} {type} vem sem os registos NSEC ou NSEC3 assinados que a provam.",
    why: "Numa zona assinada, uma resposta negativa tem de ser provada; sem a prova, um atacante poderia ter apagado os dados.",
    remediation: "Confirme que a cadeia NSEC ou NSEC3 da zona está completa e assinada, e que os servidores de nomes a incluem nas respostas negativas.",
  },
  DNSSEC_DENIAL_INVALID: {
    message:
      "Os registos {proof} não provam {kind, select, wildcard {a resposta por carácter universal (wildcard)} no_data {a resposta sem dados (NODATA)} no_DS {a resposta sem DS} other {a resposta {kind}}} para {name} {type}: {problem}.",
    why: "Uma negação de existência só é fiável quando os respetivos registos NSEC ou NSEC3 cobrem exatamente os nomes que as regras exigem.",
    remediation: "Volte a assinar a zona para que a cadeia NSEC/NSEC3 seja reconstruída a partir dos dados atuais.",
  },
  DNSSEC_UNSUPPORTED_ALGORITHM: {
    message: "A zona {zone} só está assinada com o algoritmo {algorithm}, que o mailsec não valida; a zona é tratada como não assinada.",
    why: "Quando nenhum registo DS usa um algoritmo que o validador implementa, a zona é tratada como insegura e não como inválida.",
    remediation: "Mude a zona para um algoritmo atual, como ECDSAP256SHA256 (13) ou ED25519 (15).",
  },
  DNSSEC_UNSUPPORTED_DIGEST: {
    message: "Os registos DS de {zone} só usam o tipo de resumo {digest}, que o mailsec não verifica; a zona é tratada como não assinada.",
    why: "Um registo DS com um tipo de resumo desconhecido não pode garantir uma chave, pelo que a delegação é tratada como insegura.",
    remediation: "Publique na zona-mãe um registo DS com o tipo de resumo 2 (SHA-256).",
  },
  DNSSEC_DEPRECATED_ALGORITHM: {
    message: "A zona {zone} está assinada com {algorithm}, um algoritmo que já não deve ser usado.",
    why: "O RSA com SHA-1 já não é considerado robusto; alguns validadores já o recusam e tratam essas zonas como não assinadas.",
    remediation: "Mude a zona para ECDSAP256SHA256 (13), ED25519 (15) ou RSASHA256 (8), com um novo DS na zona-mãe.",
  },
  DNSSEC_DEPRECATED_DIGEST: {
    message: "O registo DS {ds} de {zone} usa SHA-1.",
    why: "Os resumos DS em SHA-1 estão obsoletos; deve ser publicado em vez deles um DS em SHA-256.",
    remediation: "Substitua, na zona-mãe, o registo DS em SHA-1 por um em SHA-256 (tipo de resumo 2).",
  },
  DNSSEC_WEAK_KEY: {
    message: "A chave {keyTag} de {zone} tem apenas {bits} bits.",
    why: "As chaves RSA com menos de 1024 bits podem ser fatorizadas com um esforço modesto, pelo que as assinaturas feitas com elas dão pouca garantia.",
    remediation: "Substitua a chave por uma chave RSA de pelo menos 2048 bits ou, melhor ainda, por uma chave ECDSA ou Ed25519.",
  },
  DNSSEC_NSEC3_ITERATIONS: {
    message: "A zona {zone} usa {iterations} iterações NSEC3, acima do limite de {limit}; as respetivas respostas negativas são tratadas como não assinadas.",
    why: "Iterações NSEC3 adicionais dão trabalho aos resolvedores sem acrescentar proteção, pelo que estes deixam de validar negações acima de um limite.",
    remediation: "Defina 0 iterações NSEC3 e não use sal (salt) ao voltar a assinar a zona.",
  },
  DNSSEC_INSECURE_DELEGATION: {
    message: "{zone} não está assinada: a zona-mãe {parent} prova que não existe nenhum registo DS para ela.",
    why: "Sem um registo DS na zona-mãe, a cadeia de confiança termina, pelo que as respostas da zona não podem ser validadas (e o DANE não se pode aplicar).",
    remediation: "Se pretende DNSSEC e DANE, assine a zona e publique o respetivo registo DS na zona-mãe (normalmente através da entidade de registo).",
  },
  DNSSEC_NSEC3_OPT_OUT: {
    message: "{name} está num intervalo NSEC3 de exclusão (opt-out) de {zone}: pode estar sob uma delegação não assinada, pelo que a sua inexistência não está provada.",
    why: "A exclusão (opt-out) permite a uma zona omitir delegações não assinadas da cadeia NSEC3, pelo que um nome dentro desse intervalo só pode ser indicado como não assinado.",
    remediation: "Se o nome deve estar assinado, volte a assinar a zona sem exclusão NSEC3 (opt-out).",
  },
  DNSSEC_NO_TRUST_ANCHOR: {
    message: "Nenhuma âncora de confiança configurada cobre {name}.",
    why: "Um validador só consegue decidir se os dados estão assinados a partir de uma chave em que confia de antemão.",
    remediation: "Configure uma âncora de confiança para a raiz (a predefinição) ou para uma zona acima do nome.",
  },
  DNSSEC_CNAME_LOOP: {
    message: "A cadeia de aliases que começa em {name} volta a {target}.",
    why: "Uma cadeia de aliases que regressa a um nome já visitado nunca chega a quaisquer dados.",
    remediation: "Altere os registos CNAME ou DNAME para que a cadeia termine num nome que contenha os dados.",
  },
  DNSSEC_CNAME_CHAIN_TOO_LONG: {
    message: "A cadeia de aliases que começa em {name} tem mais de {limit, plural, one {# elo} other {# elos}}.",
    why: "Os resolvedores só seguem poucos aliases; cadeias mais longas falham e cada elo é mais uma zona que se pode avariar.",
    remediation: "Aponte o primeiro CNAME diretamente para o nome final.",
  },
  DNSSEC_DNAME_MISMATCH: {
    message: "O CNAME {name} -> {target} não resulta do DNAME {dname}.",
    why: "Um CNAME sintetizado a partir de um DNAME tem de reescrever exatamente o sufixo do titular do DNAME; qualquer outra coisa não é autenticada.",
    remediation: "Verifique o registo DNAME e os servidores de nomes que sintetizam respostas a partir dele.",
  },
  DNSSEC_CHAIN_TOO_LONG: {
    message: "Chegar a {name} exige mais de {limit, plural, one {# zona} other {# zonas}} a partir da âncora de confiança.",
    why: "O percurso ao longo da cadeia de confiança tem um limite, para que um só nome não custe um número ilimitado de consultas.",
    remediation: "Reduza o número de delegações acima do nome.",
  },
  DNSSEC_SERVFAIL: {
    message: "O resolvedor respondeu SERVFAIL para {name} {type}.",
    why: "SERVFAIL significa que não foi possível obter os dados, muitas vezes porque um resolvedor que valida os considerou inválidos ou porque os servidores de nomes falharam.",
    remediation: "Verifique se os servidores de nomes da zona respondem e se as assinaturas e os registos DS estão atualizados.",
  },
  DNSSEC_NETWORK_FAILURE: {
    message: "Sem resposta utilizável para {name} {type}: {problem}.",
    why: "Sem resposta, o mailsec não consegue saber se os dados estão assinados; o resultado é indeterminado, não inválido.",
    remediation: "Verifique os endereços de resolvedor indicados ao mailsec e se os servidores de nomes da zona respondem sobre UDP e TCP.",
  },
  DNSSEC_UNEXPECTED_RESPONSE: {
    message: "A resposta para {name} {type} não é utilizável: {problem}.",
    why: "Uma resposta que não é nem positiva nem uma negativa provada não pode ser validada.",
    remediation: "Verifique os servidores de nomes da zona: podem estar a servir dados inconsistentes ou a tratar mal os registos DNSSEC.",
  },
  DNSSEC_EXTRA_RRSIG_EXPIRED: {
    message: "Uma assinatura de {rrset} feita com a chave {keyTag} expirou em {expiration, date, instant} (verificado em {now, date, instant}); outra assinatura continua a validar os registos.",
    why: "Os validadores aceitam um conjunto de registos quando uma das assinaturas na cadeia de confiança é válida e ignoram as restantes; hoje isto não impede a resolução, mas mostra dados antigos que ficaram para trás.",
    remediation: "Retire a assinatura antiga (volte a assinar a zona ou conclua a rotação de chaves que a deixou para trás).",
  },
  DNSSEC_EXTRA_RRSIG_NOT_YET_VALID: {
    message: "Uma assinatura de {rrset} feita com a chave {keyTag} só é válida a partir de {inception, date, instant} (verificado em {now, date, instant}); outra assinatura continua a validar os registos.",
    why: "Os validadores aceitam um conjunto de registos quando uma das assinaturas na cadeia de confiança é válida; uma assinatura vinda do futuro indica normalmente um sistema de assinatura com o relógio errado.",
    remediation: "Verifique o relógio do sistema que assina e volte a assinar com uma hora de início ligeiramente no passado.",
  },
  DNSSEC_EXTRA_RRSIG_BAD_SIGNATURE: {
    message: "Uma assinatura de {rrset} feita com a chave {keyTag} não é válida; outra assinatura continua a validar os registos.",
    why: "Os validadores aceitam um conjunto de registos quando uma das assinaturas na cadeia de confiança é válida, mas uma assinatura que não corresponde significa que os dados mudaram depois de assinados ou que dois sistemas de assinatura discordam.",
    remediation: "Volte a assinar a zona e confirme que todos os servidores de nomes servem a mesma cópia assinada.",
  },
  DNSSEC_EXTRA_RRSIG_NO_KEY: {
    message: "Uma assinatura de {rrset} indica a chave {keyTag} (algoritmo {algorithm}), que não está no conjunto DNSKEY de {zone}; outra assinatura continua a validar os registos.",
    why: "Os validadores ignoram uma assinatura feita por uma chave que a zona já não publica (uma ZSK retirada); é inofensiva enquanto outra assinatura for válida, mas é o que falha quando essa expirar.",
    remediation: "Volte a assinar a zona para que nenhum registo mantenha uma assinatura da chave retirada, ou publique a chave até as respetivas assinaturas expirarem das caches.",
  },
  DNSSEC_EXTRA_RRSIG_MALFORMED: {
    message:
      "Uma assinatura de {rrset} com a chave {keyTag} é inutilizável ({problem, select, signer_not_zone {o nome do signatário não é o vértice da zona} signer_not_ancestor {o signatário não é um ascendente do nome do titular} type_mismatch {cobre outro tipo de registo} labels_invalid {o campo de etiquetas não condiz com o nome do titular} unsupported_algorithm {usa um algoritmo que o mailsec não suporta} not_checked {não foi verificada, por se ter atingido o limite de verificações} malformed {está mal formada} other {{problem}}}); outra assinatura continua a validar os registos.",
    why: "Os validadores ignoram uma assinatura cujos campos não condizem com os registos que cobre.",
    remediation: "Volte a assinar a zona com uma ferramenta de assinatura normal.",
  },
  DNSSEC_EXTRA_RRSIG_UNSUPPORTED_ALGORITHM: {
    message: "Uma assinatura de {rrset} com a chave {keyTag} usa o algoritmo {algorithm}, que o mailsec não valida; outra assinatura valida os registos.",
    why: "Um validador ignora as assinaturas feitas com algoritmos que não implementa quando outra assinatura na cadeia de confiança é válida (RFC 6840 §5.11).",
    remediation: "",
  },
  DNSSEC_RRSIG_NOT_CHECKED: {
    message: "Uma assinatura de {rrset} com a chave {keyTag} não foi verificada: o conjunto de registos já tinha esgotado as suas {limit, plural, one {# verificação de assinatura} other {# verificações de assinatura}}; outra assinatura valida os registos.",
    why: "Os validadores limitam as verificações de assinatura por conjunto de registos para se protegerem do KeyTrap (CVE-2023-50387); um conjunto que precise de mais é invulgar.",
    remediation: "Assine cada conjunto de registos com poucas chaves e evite colisões de etiquetas de chave (key tag) no conjunto DNSKEY.",
  },
  DNSSEC_DENIAL_WILDCARD_EXPANDED: {
    message: "A negação para {name} {type} assenta no registo NSEC/NSEC3 em {owner}, que é ele próprio a expansão de um carácter universal (wildcard; o número de etiquetas da sua assinatura é inferior ao do titular); um registo assim não nega nada.",
    why: "Um registo sintetizado a partir de um carácter universal pode ser reutilizado em qualquer nome que esse carácter abranja, pelo que um atacante o poderia usar para negar registos que existem (CVE-2017-15105); os validadores não o aceitam como prova.",
    remediation: "Se a zona for servida corretamente, não há nada a mudar nela: esta resposta foi alterada pelo caminho, ou o servidor de nomes sintetiza registos NSEC a partir de caracteres universais. Verifique o que cada servidor de nomes devolve para este nome.",
  },
  DNSSEC_DNAME_WILDCARD: {
    message: "A resposta para {name} usa o DNAME {dname}, sintetizado a partir de um DNAME com carácter universal (wildcard).",
    why: "Um DNAME num titular com carácter universal não está definido (RFC 4592 §4.4): os validadores não aceitam um DNAME expandido a partir de um carácter universal, pelo que a resposta é inválida.",
    remediation: "Substitua o DNAME com carácter universal por um DNAME em cada nome que deva redirecionar, ou por registos CNAME com carácter universal.",
  },

  // dane: a correspondência entre o certificado e os registos TLSA
  DANE_NO_CERTIFICATE: {
    message: "O servidor concluiu a negociação TLS sem apresentar nenhum certificado.",
    why: "O DANE autentica o servidor comparando o respetivo certificado ou chave pública com os registos TLSA (RFC 7672 §3.1), pelo que um servidor sem certificado não pode ser autenticado.",
    remediation: "Configure o servidor de correio neste endereço com um certificado e uma chave privada para o STARTTLS e, depois, publique um registo TLSA que lhes corresponda.",
  },
  DANE_CERT_UNPARSEABLE: {
    message: "O certificado na posição {depth} da cadeia enviada pelo servidor não é um certificado X.509 legível.",
    why: "Um registo TLSA é comparado com a codificação de um certificado ou com a respetiva chave pública (RFC 6698 §2.1.2), o que exige um certificado bem formado.",
    remediation: "Verifique os ficheiros de certificado configurados no servidor de correio; volte a exportá-los em PEM a partir do sistema emissor.",
  },
  DANE_TLSA_MISMATCH: {
    message:
      "{count, plural, one {O único registo TLSA utilizável ({records}) não corresponde} other {Nenhum dos # registos TLSA utilizáveis ({records}) corresponde}} à cadeia de certificados; o servidor apresentou {leaf}, para o qual um registo DANE-EE seria «{expected}».",
    why: "Quando há registos TLSA utilizáveis publicados, o servidor de envio tem de encontrar um que corresponda à cadeia apresentada e, caso contrário, não pode entregar (RFC 7672 §2.2 e §3.1).",
    remediation:
      "Publique um registo TLSA que corresponda ao certificado efetivamente instalado, de preferência «3 1 1» com o resumo SHA-256 da respetiva chave pública, como indicado acima. Ao substituir uma chave, publique primeiro o novo registo ao lado do antigo, aguarde pelo menos o dobro do TTL, troque então o certificado e só depois retire o registo antigo.",
  },
  DANE_TA_NOT_IN_CHAIN: {
    message: "Nenhum certificado da cadeia enviada pelo servidor corresponde aos registos DANE-TA ({records}); o servidor enviou: {chain}.",
    why: "Com DANE-TA(2), a âncora de confiança tem de fazer parte da cadeia de certificados que o servidor apresenta, mesmo quando é uma raiz autoassinada (RFC 7672 §3.1.2); os servidores de envio não a vão buscar a mais lado nenhum.",
    remediation:
      "Configure o servidor de correio para enviar a cadeia completa, incluindo o certificado da AC que o registo TLSA indica, ou publique um registo para a AC que realmente emitiu o certificado instalado. Um registo «3 1 1» para a chave do próprio servidor elimina por completo esta dependência.",
  },
  DANE_TA_CHAIN_BROKEN: {
    message: "O registo «{record}» corresponde à âncora de confiança {anchor}, mas a cadeia desde o certificado do servidor {leaf} até ela não é válida: {reason}.",
    why: "Um registo DANE-TA(2) só garante certificados emitidos pela âncora de confiança indicada, diretamente ou através de certificados de AC, com todas as assinaturas válidas (RFC 7672 §3.1.2, RFC 7671 §5.2).",
    remediation: "Envie os certificados intermédios por ordem (primeiro o certificado do servidor, cada um seguido do respetivo emissor) e confirme que o certificado instalado foi realmente emitido pela AC que o registo TLSA indica.",
  },
  DANE_TA_NAME_MISMATCH: {
    message: "O registo «{record}» corresponde à âncora de confiança {anchor}, mas o certificado do servidor {leaf} foi emitido para {certNames}, que não abrange {names}.",
    why: "Com DANE-TA(2), o certificado do servidor tem de conter o nome do anfitrião MX (ou o nome obtido pela expansão CNAME) como nome DNS, com um carácter universal (wildcard) apenas como etiqueta inteira mais à esquerda (RFC 7672 §3.2.2 e §3.2.3).",
    remediation: "Emita o certificado do servidor com o nome do anfitrião MX no subjectAltName, ou passe para um registo «3 1 1», com o qual os servidores de envio não verificam nomes.",
  },
  DANE_TA_CERT_EXPIRED: {
    message: "O registo «{record}» corresponde à âncora de confiança {anchor}, mas o certificado {cert} expirou em {notAfter, date, instant}.",
    why: "Com DANE-TA(2), a validade dos certificados abaixo da âncora de confiança é verificada como a de qualquer certificado emitido (RFC 7672 §3.1.2); o Exchange Online adia esse correio com 4.7.322.",
    remediation: "Renove o certificado e instale-o no servidor de correio; se a renovação mudar de AC, atualize o registo TLSA e publique o novo registo antes da troca.",
  },
  DANE_TA_CERT_NOT_YET_VALID: {
    message: "O registo «{record}» corresponde à âncora de confiança {anchor}, mas o certificado {cert} só é válido a partir de {notBefore, date, instant}.",
    why: "Com DANE-TA(2), um certificado abaixo da âncora de confiança só é aceite dentro do respetivo período de validade (RFC 7672 §3.1.2).",
    remediation: "Instale um certificado cuja validade já tenha começado (ou aguarde até começar) e verifique o relógio do servidor de correio.",
  },
  DANE_EE_LEAF_EXPIRED: {
    message: "O registo «{record}» corresponde ao certificado do servidor {leaf}, que expirou em {notAfter, date, instant}.",
    why: "O DANE-EE(3) vincula a própria chave, pelo que os servidores de envio conformes com o RFC ignoram as datas de validade (RFC 7672 §3.1.1, RFC 7671 §5.1), mas os que as verificam recusam a ligação.",
    remediation: "Renove o certificado; mantendo a mesma chave, um registo «3 1 1» continua válido sem qualquer alteração no DNS.",
  },
  DANE_EE_LEAF_NOT_YET_VALID: {
    message: "O registo «{record}» corresponde ao certificado do servidor {leaf}, que só é válido a partir de {notBefore, date, instant}.",
    why: "Os servidores de envio DANE-EE(3) ignoram as datas de validade (RFC 7672 §3.1.1), mas outros podem recusar um certificado que ainda não é válido.",
    remediation: "Instale um certificado cuja validade já tenha começado e verifique o relógio do servidor de correio.",
  },
  DANE_EE_NAME_MISMATCH: {
    message: "O registo «{record}» corresponde ao certificado do servidor {leaf}, emitido para {certNames}, que não abrange {names}.",
    why: "Com DANE-EE(3), é o próprio registo TLSA que vincula a chave ao anfitrião MX, pelo que os servidores de envio não verificam os nomes do certificado (RFC 7672 §3.1.1); outros clientes podem ainda assim mostrar a discrepância.",
    remediation: "Opcional: inclua o nome do anfitrião MX no subjectAltName do certificado na próxima renovação.",
  },
  DANE_TLSA_NONE_USABLE: {
    message: "{count, plural, one {O único registo TLSA não é utilizável} other {Nenhum dos # registos TLSA é utilizável}} para SMTP (utilizações PKIX 0/1, ou seletor ou tipo de correspondência desconhecido).",
    why: "Quando existem registos TLSA mas nenhum é utilizável, os servidores de envio continuam a exigir TLS, mas não conseguem autenticar o servidor (RFC 7672 §2.2 e §3.1.3).",
    remediation: "Substitua os registos por um utilizável, normalmente «3 1 1» seguido do resumo SHA-256 da chave pública do servidor; as utilizações 0 e 1 não têm significado para SMTP.",
  },
  DANE_TLSA_RECORD_UNUSABLE: {
    message: "O registo «{record}» é ignorado: {reason}.",
    why: "Os clientes SMTP ignoram os registos TLSA com utilizações PKIX ou parâmetros desconhecidos e usam os restantes (RFC 7672 §3.1.3).",
    remediation: "Retire o registo ou substitua-o por um registo DANE-EE(3) ou DANE-TA(2).",
  },

  // certificado: as verificações do teste de correio de entrada
  CERT_NONE: {
    message: "O servidor não apresentou nenhum certificado na negociação TLS.",
    why: "Sem certificado, um servidor de envio não consegue distinguir o servidor verdadeiro de qualquer intermediário no caminho (o RFC 8446 §4.4.2 exige um para autenticar o servidor).",
    remediation: "Configure um certificado e uma chave privada para o STARTTLS no servidor de correio.",
  },
  CERT_UNREADABLE: {
    message: "O certificado na posição {depth} da cadeia não é um certificado X.509 legível.",
    why: "Os servidores de envio analisam todos os certificados que recebem; um que não conseguem ler não pode ser verificado (RFC 5280 §4.1).",
    remediation: "Volte a exportar os ficheiros de certificado em PEM a partir do sistema emissor e reconfigure o servidor de correio com eles.",
  },
  CERT_EXPIRED: {
    message: "O certificado do servidor {cert} expirou em {notAfter, date, instant}, há {days, plural, one {# dia} other {# dias}}.",
    why: "Um certificado só é válido dentro do respetivo período de validade (RFC 5280 §4.1.2.5); o Exchange Online adia com 4.7.322 o correio para um domínio DANE cujo certificado expirou.",
    remediation: "Renove o certificado e instale-o no servidor de correio; se usa DANE, publique o registo TLSA do novo certificado antes da troca, a menos que a chave se mantenha.",
  },
  CERT_NOT_YET_VALID: {
    message: "O certificado do servidor {cert} só é válido a partir de {notBefore, date, instant}.",
    why: "Um certificado só é válido dentro do respetivo período de validade (RFC 5280 §4.1.2.5).",
    remediation: "Instale um certificado cuja validade já tenha começado e verifique os relógios do sistema emissor e do servidor de correio.",
  },
  CERT_EXPIRING_SOON: {
    message: "O certificado do servidor {cert} expira em {notAfter, date, instant}, daqui a {days, plural, one {# dia} other {# dias}}.",
    why: "Depois de expirar, os servidores de envio que autenticam o servidor recusam-no (RFC 5280 §4.1.2.5) e os domínios DANE-TA começam a adiar o correio.",
    remediation: "Renove já o certificado; com DANE, mantenha a chave ou publique o novo registo TLSA antes da troca.",
  },
  CERT_NAME_MISMATCH: {
    message: "O certificado do servidor {cert} foi emitido para {certNames}, que não abrange o anfitrião MX {host}.",
    why: "Os servidores de envio que autenticam o anfitrião MX (DANE-TA, MTA-STS) comparam o respetivo nome com os nomes DNS do certificado, em que um carácter universal (wildcard) vale exatamente por uma etiqueta, a mais à esquerda (RFC 7672 §3.2.3, RFC 6125 §6.4).",
    remediation: "Emita o certificado com o nome do anfitrião MX no subjectAltName.",
  },
  CERT_SELF_SIGNED: {
    message: "O certificado do servidor {cert} é autoassinado.",
    why: "Nenhum repositório público de raízes confia num certificado autoassinado (RFC 5280 §6.1), pelo que só registos DANE-EE(3) o podem autenticar.",
    remediation: "Use um certificado de uma AC pública ou publique um registo TLSA «3 1 1» para esta chave numa zona assinada com DNSSEC.",
  },
  CERT_UNTRUSTED: {
    message: "A cadeia de {cert} não conduz a uma raiz de confiança: {reason}.",
    why: "A confiança WebPKI exige um caminho ininterrupto de assinaturas válidas desde o certificado do servidor até uma raiz do repositório de confiança (RFC 5280 §6.1); os servidores de envio MTA-STS exigem-no.",
    remediation: "Envie os certificados intermédios juntamente com o certificado do servidor, ou use um certificado de uma AC que pertença aos programas públicos de raízes.",
  },
  CERT_INTERMEDIATE_OUT_OF_DATE: {
    message: "O certificado da cadeia {cert} está fora do respetivo período de validade ({notBefore, date, instant} a {notAfter, date, instant}).",
    why: "Todos os certificados do caminho até à raiz têm de estar dentro do respetivo período de validade (RFC 5280 §6.1.3).",
    remediation: "Substitua o certificado intermédio no servidor de correio pelo certificado atual da sua AC.",
  },
  CERT_WEAK_KEY: {
    message: "O certificado {cert} tem uma chave {keyType} fraca, de {keySize} bits.",
    why: "Os servidores TLS devem usar chaves RSA de pelo menos 2048 bits (RFC 7525 §4.5); as curvas com menos de 256 bits ficam aquém do mesmo nível de segurança.",
    remediation: "Gere uma nova chave (RSA de 2048 bits ou mais, ou ECDSA P-256) e volte a emitir o certificado; com DANE, publique primeiro o novo registo TLSA.",
  },
  CERT_SHA1_SIGNATURE: {
    message: "O certificado {cert} está assinado com SHA-1 ({algorithm}).",
    why: "As colisões de SHA-1 são praticáveis, pelo que as assinaturas SHA-1 em certificados estão obsoletas (RFC 9155 §2, para as assinaturas TLS).",
    remediation: "Volte a emitir o certificado com uma assinatura SHA-256 (ou mais forte).",
  },
  CERT_CHAIN_ORDER: {
    message: "A cadeia não está por ordem: {detail}.",
    why: "O TLS 1.2 exige que cada certificado seja seguido do certificado que o certifica (RFC 5246 §7.4.2); alguns servidores de envio não reordenam a cadeia.",
    remediation: "Configure o ficheiro da cadeia assim: certificado do servidor, depois o respetivo emissor e depois o emissor desse emissor.",
  },

  // smtp: uma conversa SMTP
  SMTP_TARGET_REFUSED: {
    message: "O mailsec não se liga a {ip}: {detail}.",
    why: "Os endereços de loopback, privados e reservados não são alcançáveis a partir da Internet, pelo que os servidores de envio também não conseguem entregar aí.",
    remediation: "Publique endereços públicos para os seus anfitriões MX.",
  },
  SMTP_CONNECT_FAILED: {
    message: "Não foi possível estabelecer ligação a {ip} na porta {port}: {detail}.",
    why: "Um servidor de envio que não se consegue ligar tenta o endereço ou o anfitrião MX seguinte e adia o correio quando nenhum responde.",
    remediation: "Garanta que o servidor de correio está à escuta na porta SMTP (25) e que nenhuma firewall descarta ligações vindas da Internet.",
  },
  SMTP_NO_BANNER: {
    message: "{ip} não enviou uma saudação 220 utilizável: {detail}.",
    why: "Um servidor SMTP abre a sessão com uma resposta 220; sem ela, não é possível enviar correio.",
    remediation: "Consulte os registos (logs) do servidor de correio: aceitou a ligação, mas não cumprimentou o cliente.",
  },
  SMTP_EHLO_FAILED: {
    message: "{ip} não aceitou o EHLO: {detail}.",
    why: "Extensões como o STARTTLS só são anunciadas na resposta ao EHLO.",
    remediation: "Ative o ESMTP (EHLO) no servidor de correio.",
  },
  SMTP_STARTTLS_NOT_OFFERED: {
    message: "{ip} não anuncia STARTTLS.",
    why: "Com registos TLSA seguros e utilizáveis, o servidor de envio tem de usar STARTTLS e não pode recorrer a texto não cifrado.",
    remediation: "Ative o STARTTLS no servidor de correio, com um certificado que corresponda aos registos TLSA.",
  },
  SMTP_STARTTLS_REFUSED: {
    message: "{ip} anunciou STARTTLS, mas recusou-o: {detail}.",
    why: "Com registos TLSA seguros e utilizáveis, o servidor de envio tem de usar STARTTLS e não pode recorrer a texto não cifrado.",
    remediation: "Corrija a configuração TLS do servidor de correio (ficheiros do certificado e da chave) para que o STARTTLS seja respondido com 220.",
  },
  SMTP_TLS_FAILED: {
    message: "A negociação TLS com {ip} falhou: {detail}.",
    why: "Com registos TLSA seguros e utilizáveis, o servidor de envio tem de usar STARTTLS e não pode recorrer a texto não cifrado.",
    remediation: "Verifique o certificado e a chave do servidor, e se este oferece TLS 1.2 ou 1.3 com conjuntos de cifras comuns.",
  },
  SMTP_STARTTLS_OPPORTUNISTIC_MISSING: {
    message: "{ip} não oferece STARTTLS: o correio para este servidor circula em texto não cifrado.",
    why: "Sem TLS, qualquer pessoa no caminho pode ler o correio; o DANE tornaria o TLS obrigatório.",
    remediation: "Ative o STARTTLS no servidor de correio.",
  },
  SMTP_PROTOCOL_ERROR: {
    message: "A conversa SMTP com {ip} foi interrompida: {detail}.",
    why: "Um servidor que viola o protocolo ou fecha a ligação não consegue receber correio.",
    remediation: "Consulte os registos (logs) do servidor de correio relativos à sessão vinda do endereço do mailsec.",
  },
  SMTP_SMTPUTF8_NOT_OFFERED: {
    message: "{ip} não oferece SMTPUTF8, pelo que não pode receber correio para um endereço cuja parte local não é ASCII: {detail}.",
    why: "Um servidor de envio só pode entregar um endereço com parte local em UTF-8 a um servidor que anuncie SMTPUTF8; caso contrário, o correio é devolvido.",
    remediation: "Ative o SMTPUTF8 (RFC 6531) no servidor de correio, ou dê à caixa de correio um alias em ASCII.",
  },
  SMTP_HELO_ONLY: {
    message: "{ip} rejeitou o EHLO e só aceitou HELO, pelo que não anuncia nenhuma extensão SMTP (nem STARTTLS).",
    why: "Extensões como o STARTTLS só existem numa sessão EHLO; um servidor que só aceita HELO não pode oferecer TLS.",
    remediation: "Ative o ESMTP (EHLO) no servidor de correio, com STARTTLS.",
  },
  SMTP_ENVELOPE_NOT_REACHED: {
    message: "A conversa com {ip} terminou antes de ser possível enviar o envelope: {detail}.",
    why: "Um servidor de envio tem de passar a saudação, o EHLO e o STARTTLS antes de poder indicar o destinatário.",
    remediation: "Consulte os registos (logs) do servidor de correio relativos à sessão vinda do endereço do mailsec; os passos acima mostram onde parou.",
  },
  SMTP_NULL_SENDER_REFUSED: {
    message: "{ip} recusou o remetente nulo (MAIL FROM:<>) com {reply}.",
    why: "As mensagens de devolução e os relatórios de entrega são enviados com o caminho de retorno nulo, e todos os servidores de correio o têm de aceitar.",
    remediation: "Configure o servidor de correio para aceitar MAIL FROM:<> (RFC 5321 §4.5.5).",
  },
  SMTP_RECIPIENT_REFUSED: {
    message: "{ip} recusou o destinatário <{recipient}> com {reply}.",
    why: "Um servidor que recusa o RCPT TO não aceita correio para esse endereço.",
    remediation: "Confirme que a caixa de correio existe e que o servidor aceita correio para o domínio vindo da Internet.",
  },
  SMTP_MESSAGE_REFUSED: {
    message: "{ip} não aceitou a mensagem de teste ({reply}).",
    why: "O servidor aceitou o destinatário, mas recusou a própria mensagem, pelo que o correio para este endereço não chega.",
    remediation: "Verifique os filtros de conteúdo e os limites de tamanho do servidor, e os respetivos registos (logs) relativos à mensagem de teste do mailsec.",
  },
  SMTP_THROTTLED: {
    message:
      "{ip} limitou o mailsec {stage, select, connect {na ligação} banner {na saudação} ehlo {no EHLO} starttls {no STARTTLS} other {em {stage}}}: {reply, select, none {reiniciou ou fechou a ligação sem resposta} other {{reply}}}. Não foi possível testar este endereço; o resultado é inconclusivo.",
    why: "Os servidores respondem 421 ou 450, ou cortam a ligação, quando um cliente se liga com demasiada frequência; isso nada diz sobre o STARTTLS ou o DANE deles.",
    remediation: "Volte a testar mais tarde. Se persistir, verifique se o servidor limita ou bloqueia o endereço a partir do qual o mailsec testa.",
  },
  SMTP_GREETING_DELAY: {
    message: "{ip} esperou {ms, number} ms antes da saudação.",
    why: "Alguns servidores atrasam de propósito a saudação 220 (tarpitting) para abrandar os remetentes de spam; o RFC 5321 permite a um cliente esperar 5 minutos, e os servidores de envio reais esperam.",
    remediation: "",
  },
  SMTP_CONNECTION_BUDGET: {
    message: "O mailsec não se ligou a {ip}: o orçamento de ligações a esse endereço neste minuto está esgotado.",
    why: "O mailsec limita a frequência com que se liga a um servidor, em todos os testes, para nunca o sobrecarregar.",
    remediation: "Volte a testar dentro de um minuto.",
  },
  SMTP_TLS_OK: {
    message: "TLS {version} estabelecido com {ip} ({cipher}).",
    why: "",
    remediation: "",
  },

  // exchange online: o que aconteceria ao correio
  EXO_DELIVER: {
    message: "O Exchange Online entregaria o correio através de {host}.",
    why: "O Exchange Online envia através de qualquer anfitrião MX que passe as respetivas verificações DNSSEC e DANE.",
    remediation: "",
  },
  EXO_NO_MAIL: {
    message: "O Exchange Online não entregaria correio a {domain}: {why, select, null_mx {publica um MX nulo e não aceita correio} nxdomain {o domínio não existe, pelo que o correio é devolvido de imediato} other {não tem registos MX nem A/AAAA, pelo que não é um destino de correio (RFC 5321 §5.1)}}.",
    why: "Um domínio com um MX nulo, um que não existe ou um sem registos MX nem de endereço (RFC 5321 §5.1) não recebe correio.",
    remediation: "",
  },
  EXO_4_7_321: {
    message: "O Exchange Online adiaria o correio com 4.7.321 starttls-not-supported ({host}).",
    why: "Um anfitrião com registos TLSA seguros e utilizáveis tem de oferecer STARTTLS; o Exchange Online não envia esse correio em texto não cifrado.",
    remediation:
      "Identifique o servidor por trás do endereço indicado no erro e garanta que está à escuta na porta 25 e oferece STARTTLS. Se não suportar TLS, retire o registo TLSA até passar a suportar e volte a executar o teste.",
  },
  EXO_4_7_322: {
    message: "O Exchange Online adiaria o correio com 4.7.322 certificate-expired ({host}).",
    why: "Com DANE-TA, a validade do certificado do servidor é verificada; um certificado expirado falha a autenticação.",
    remediation:
      "Renove o certificado do servidor indicado no erro, instale-o e atualize o respetivo registo TLSA se o registo abranger o novo certificado ou a nova chave; depois, volte a executar o teste.",
  },
  EXO_4_7_323: {
    message: "O Exchange Online adiaria o correio com 4.7.323 tlsa-invalid ({host}).",
    why: "O certificado apresentado pelo servidor não corresponde a nenhum dos registos TLSA utilizáveis, pelo que o servidor não pode ser autenticado.",
    remediation:
      "Compare os registos TLSA do anfitrião com o certificado que este apresenta (este teste mostra ambos). Publique um registo que corresponda ao certificado ou à chave efetivamente em uso e confirme que a data do certificado não está no futuro.",
  },
  EXO_4_7_324: {
    message: "O Exchange Online adiaria o correio com 4.7.324 dnssec-invalid ({host}).",
    why: "Dados que se apresentam protegidos por DNSSEC mas falham a validação, ou uma consulta TLSA respondida com SERVFAIL, não merecem confiança. O Exchange Online pode comunicá-lo como 4.4.312 (falha na consulta DNS): uma limitação que a Microsoft documenta.",
    remediation:
      "Verifique a cadeia de confiança: os registos DS na zona-mãe têm de corresponder a uma chave da zona-filha e todas as assinaturas têm de ser válidas e estar dentro do prazo. Para anfitriões sem TLSA, responda às consultas TLSA com um NODATA ou NXDOMAIN assinado, nunca com SERVFAIL. Se a zona estiver alojada num fornecedor de DNS, envie-lhe estes resultados.",
  },
  EXO_4_4_312: {
    message: "O Exchange Online adiaria o correio com 4.4.312 DNS query failed ({host}).",
    why: "Quando as pesquisas DNS falham por completo, o Exchange Online indica um erro de DNS genérico e não um erro de DNSSEC.",
    remediation: "Garanta que os servidores de nomes do domínio respondem a todas as consultas (MX, A, AAAA, TLSA) sobre UDP e TCP.",
  },
  EXO_INCONCLUSIVE: {
    message: "O mailsec não consegue prever o que o Exchange Online faz: {detail}",
    why: "Os anfitriões não foram testados por razões alheias aos servidores (a política de endereços do mailsec, ou limitação de tráfego), pelo que o TLS e o DANE deles são desconhecidos.",
    remediation: "Volte a executar o teste mais tarde, ou a partir de uma rede que os servidores não limitem.",
  },
  EXO_NO_HOST_REACHABLE: {
    message: "O Exchange Online adiaria o correio: nenhum anfitrião MX de {domain} aceitou uma ligação.",
    why: "Sem nenhum anfitrião MX alcançável, os servidores de envio colocam o correio em fila e voltam a tentar.",
    remediation: "Garanta que pelo menos um anfitrião MX está à escuta na porta 25 a partir da Internet.",
  },

  // políticas (MTA-STS, TLS-RPT, rotação DANE): lib/report/findings/policies.ts
  POLICY_TXT_LOOKUP_FAILED: {
    message: "A pesquisa TXT de {name} não deu nenhuma resposta utilizável (DNSSEC: {status}).",
    why: "Um servidor de envio que não consegue ler o registo não o pode aplicar; uma resposta inválida não pode ser usada de todo.",
    remediation: "Faça com que os servidores de nomes respondam às consultas TXT deste nome, corretamente assinadas se a zona estiver assinada.",
  },
  MTASTS_RECORD_ABSENT: {
    message: "{domain} não publica nenhum registo MTA-STS (TXT _mta-sts): os servidores de envio não usam nenhuma política MTA-STS para ele.",
    why: "O MTA-STS (RFC 8461) permite a um domínio sem DNSSEC exigir TLS autenticado aos servidores de envio; sem o registo, um servidor de envio que não use DANE entrega com TLS oportunista, sujeito a ataques de mudança para uma versão inferior.",
    remediation: "Para proteger o correio dos servidores de envio que não usam DANE, publique uma política MTA-STS em https://mta-sts.{domain}/.well-known/mta-sts.txt e um registo TXT _mta-sts.{domain} «v=STSv1; id=…».",
  },
  MTASTS_RECORD_MULTIPLE: {
    message: "{name} tem {count, plural, one {# registo que começa} other {# registos que começam}} por v=STSv1; um servidor de envio precisa de exatamente um.",
    why: "Com mais de um registo MTA-STS, o servidor de envio tem de assumir que o domínio não tem nenhuma política disponível (RFC 8461 §3.1).",
    remediation: "Mantenha um registo TXT _mta-sts e elimine os outros; altere o respetivo id sempre que a política mudar.",
  },
  MTASTS_RECORD_SYNTAX: {
    message:
      "O registo MTA-STS de {name} não é válido ({problem, select, empty_field {um campo vazio} version_not_first {v=STSv1 não é o primeiro campo} version_repeated {v= aparece duas vezes} id_missing {não tem id} id_repeated {id aparece duas vezes} bad_extension {um campo está mal formado} field_without_value {um campo não tem valor} other {{problem}}}): «{record}».",
    why: "Um servidor de envio tem de tratar um registo sintaticamente inválido como se não existisse nenhum registo MTA-STS (RFC 8461 §3.1).",
    remediation: "Publique exatamente «v=STSv1; id=<1 a 32 letras e algarismos>;», sem nenhum outro campo v=.",
  },
  MTASTS_RECORD_ID_INVALID: {
    message: "O id «{id}» do registo MTA-STS de {name} não tem de 1 a 32 letras e algarismos.",
    why: "O id indica aos servidores de envio quando devem voltar a obter a política; o RFC 8461 §3.1 só permite de 1 a 32 letras e algarismos ASCII, pelo que o servidor de envio rejeita o registo.",
    remediation: "Use um id como uma data e hora sem pontuação (20240131T120000 passa a 20240131120000) e altere-o a cada mudança da política.",
  },
  MTASTS_POLICY_FETCH_FAILED: {
    message: "Não foi possível obter a política MTA-STS em {url}: {problem}.",
    why: "Um servidor de envio que encontra o registo, mas não consegue obter a política, não a pode aplicar (RFC 8461 §3.3).",
    remediation: "Faça com que o anfitrião da política responda por HTTPS na porta 443 a partir da Internet, com os seus próprios registos A/AAAA.",
  },
  MTASTS_POLICY_HTTP_STATUS: {
    message: "O anfitrião da política MTA-STS respondeu a {url} com HTTP {status}, e não 200.",
    why: "Só uma resposta 200 traz uma política (RFC 8461 §3.3); qualquer outra deixa os servidores de envio sem nenhuma.",
    remediation: "Sirva o ficheiro da política em /.well-known/mta-sts.txt no anfitrião mta-sts.<domínio>, com o estado 200.",
  },
  MTASTS_POLICY_REDIRECT: {
    message: "O anfitrião da política MTA-STS respondeu a {url} com um redirecionamento (HTTP {status}) para «{location}».",
    why: "Os servidores de envio não podem seguir redirecionamentos ao obter uma política (RFC 8461 §3.3), pelo que uma política redirecionada não é uma política.",
    remediation: "Sirva o ficheiro diretamente a partir de mta-sts.<domínio>; se um serviço de alojamento redirecionar, sirva-o sem o redirecionamento (muitos precisam de uma definição para este caminho).",
  },
  MTASTS_POLICY_CONTENT_TYPE: {
    message: "A política MTA-STS em {url} é servida como «{contentType}», e não como text/plain.",
    why: "A política é um recurso text/plain (RFC 8461 §3.2); servidores de envio como os do Postfix e da Google rejeitam outros tipos de conteúdo.",
    remediation: "Configure o servidor Web para enviar Content-Type: text/plain para /.well-known/mta-sts.txt.",
  },
  MTASTS_POLICY_TOO_LARGE: {
    message: "A política MTA-STS em {url} tem mais de {limit, number} bytes; o mailsec deixou de a ler.",
    why: "Uma política tem poucas linhas; os servidores de envio limitam o que leem (o RFC 8461 §3.3 sugere 64 KiB), pelo que um corpo maior não é uma política.",
    remediation: "Sirva nesse caminho apenas as linhas da política (version, mode, mx, max_age).",
  },
  MTASTS_POLICY_CERTIFICATE: {
    message:
      "O certificado de {host} (em {ip}) não é válido para ele: {reason, select, expired {expirou} not_yet_valid {ainda não é válido} name_mismatch {não indica {host}} untrusted {não conduz a uma raiz de confiança} unreadable {não pode ser lido} other {{reason}}}.",
    why: "A política só é fiável quando obtida por HTTPS com um certificado válido na WebPKI para mta-sts.<domínio> (RFC 8461 §3.3); caso contrário, um atacante poderia servir a sua.",
    remediation: "Instale um certificado de uma AC pública cujos nomes incluam {host}, com os respetivos certificados intermédios, e renove-o antes de expirar.",
  },
  MTASTS_POLICY_SYNTAX: {
    message:
      "A linha {line} da política MTA-STS não é válida ({problem, select, not_key_value {não é uma linha «chave: valor»} bad_key {uma chave mal formada} bad_version {version tem de ser STSv1} bad_mode {mode tem de ser enforce, testing ou none} bad_max_age {max_age tem de ser um número de segundos} other {{problem}}}): «{text}».",
    why: "Um servidor de envio tem de rejeitar uma política que não consegue interpretar (RFC 8461 §3.2), como se não houvesse nenhuma.",
    remediation: "Escreva uma «chave: valor» por linha: version: STSv1, mode: enforce|testing|none, uma linha mx: por padrão de MX, max_age: segundos.",
  },
  MTASTS_POLICY_FIELD_MISSING: {
    message: "A política MTA-STS não tem o campo {field}.",
    why: "version, mode e max_age são obrigatórios, e mx nos modos enforce e testing (RFC 8461 §3.2): sem eles, a política é inutilizável.",
    remediation: "Acrescente ao ficheiro da política a linha em falta, por exemplo «{field}: …».",
  },
  MTASTS_POLICY_FIELD_REPEATED: {
    message: "A política MTA-STS indica {field} mais de uma vez; conta o primeiro.",
    why: "Só mx pode ser repetido (RFC 8461 §3.2); os servidores de envio podem ler de forma diferente um campo repetido.",
    remediation: "Mantenha uma só linha {field}.",
  },
  MTASTS_POLICY_MAX_AGE_RANGE: {
    message: "O max_age {maxAge} da política excede o máximo de {limit} segundos (um ano).",
    why: "O RFC 8461 §3.2 limita o max_age a 31557600 segundos; os servidores de envio reduzem-no ou rejeitam a política.",
    remediation: "Use um max_age de 31557600 no máximo; o habitual é de uma semana a um ano (604800 a 31557600).",
  },
  MTASTS_POLICY_MX_PATTERN: {
    message: "«{pattern}» não é um padrão mx válido; não corresponde a nenhum anfitrião MX.",
    why: "Um padrão mx é um nome de anfitrião, opcionalmente começado por «*.» para exatamente uma etiqueta (RFC 8461 §4.1).",
    remediation: "Indique o nome de cada anfitrião MX, ou «*.» seguido do domínio pai de vários deles.",
  },
  MTASTS_MODE_TESTING: {
    message: "A política MTA-STS de {domain} está em modo testing: os servidores de envio comunicam as falhas, mas continuam a entregar.",
    why: "O modo testing permite a um administrador acompanhar os relatórios TLS-RPT antes de impor a política (RFC 8461 §5); o correio ainda não está protegido.",
    remediation: "Quando os relatórios não mostrarem falhas, mude a política para mode: enforce e altere o id do registo.",
  },
  MTASTS_MODE_NONE: {
    message: "A política MTA-STS de {domain} tem o modo none: os servidores de envio descartam qualquer política que tivessem em cache.",
    why: "O modo none retira o MTA-STS (RFC 8461 §8.3); o correio é entregue como sem política.",
    remediation: "Mantenha-o assim enquanto retira o MTA-STS; depois, elimine o registo e a política quando tiver passado cada max_age.",
  },
  MTASTS_MX_NOT_COVERED: {
    message: "O anfitrião MX {host} não corresponde a nenhum dos padrões mx da política ({patterns}): os servidores de envio que impõem o MTA-STS nunca lhe entregam correio.",
    why: "No modo enforce, um servidor de envio só entrega a anfitriões MX que um padrão abranja (RFC 8461 §4.1); este anfitrião não recebe correio deles e, se todos os MX forem assim, o correio é devolvido.",
    remediation: "Acrescente à política uma linha «mx: {host}» (ou um padrão «*.» que o abranja) e altere o id do registo.",
  },
  MTASTS_MX_CERTIFICATE: {
    message: "O anfitrião MX {host} não apresenta um certificado válido na WebPKI para o seu nome: os servidores de envio que impõem o MTA-STS nunca lhe entregam correio.",
    why: "O MTA-STS exige que o certificado de cada anfitrião MX seja válido para o nome MX e conduza a uma raiz de confiança (RFC 8461 §4.2).",
    remediation: "Instale um certificado de uma AC pública que indique {host}, com os respetivos certificados intermédios.",
  },
  MTASTS_TESTING_MX_NOT_COVERED: {
    message: "O anfitrião MX {host} não corresponde a nenhum dos padrões mx da política ({patterns}); no modo testing, os servidores de envio apenas o comunicam.",
    why: "Mudar esta política para enforce interromperia a entrega a este anfitrião (RFC 8461 §4.1).",
    remediation: "Acrescente à política uma linha «mx: {host}» antes de mudar para enforce.",
  },
  MTASTS_TESTING_MX_CERTIFICATE: {
    message: "O anfitrião MX {host} não apresenta um certificado válido na WebPKI para o seu nome; no modo testing, os servidores de envio apenas o comunicam.",
    why: "Mudar esta política para enforce interromperia a entrega a este anfitrião (RFC 8461 §4.2).",
    remediation: "Instale um certificado de uma AC pública que indique {host} antes de mudar para enforce.",
  },
  MTASTS_NO_POLICY: {
    message: "{domain} anuncia MTA-STS, mas não oferece nenhuma política utilizável: uma implementação avariada.",
    why: "Os servidores de envio encontram o registo, mas nenhuma política válida por trás dele; mantêm qualquer política que tenham em cache, pelo que uma alteração feita agora pode nunca lhes chegar, e os novos servidores de envio ficam sem proteção (RFC 8461 §5).",
    remediation: "Corrija o registo e o ficheiro da política como indicam as constatações acima; ambos têm de ser válidos em conjunto.",
  },
  MTASTS_REFUSED: {
    message: "Os servidores de envio que impõem a política MTA-STS de {domain} recusam-se a entregar: nenhum anfitrião MX a cumpre.",
    why: "No modo enforce, um servidor de envio só entrega a um anfitrião MX que a política abranja e cujo certificado seja válido para ele (RFC 8461 §5); aqui não há nenhum, pelo que o correio não é entregue.",
    remediation: "Acrescente os anfitriões MX às linhas mx da política e dê-lhes certificados válidos, ou mude a política para testing enquanto os corrige.",
  },
  TLSRPT_RECORD_ABSENT: {
    message: "{domain} não publica nenhum registo TLS-RPT (TXT _smtp._tls): os servidores de envio não lhe comunicam as falhas de TLS.",
    why: "Os relatórios de TLS de SMTP (RFC 8460) são a forma de um administrador saber que o DANE ou o MTA-STS falham para alguns servidores de envio.",
    remediation: "Publique _smtp._tls.{domain} TXT «v=TLSRPTv1; rua=mailto:tlsrpt@{domain}».",
  },
  TLSRPT_RECORD_MULTIPLE: {
    message: "{name} tem {count, plural, one {# registo que começa} other {# registos que começam}} por v=TLSRPTv1; um servidor de envio precisa de exatamente um.",
    why: "Com mais de um registo, os servidores de envio têm de assumir que o domínio não faz relatórios de TLS (RFC 8460 §3).",
    remediation: "Mantenha um só registo, com todos os endereços de relatório na sua lista rua.",
  },
  TLSRPT_RECORD_SYNTAX: {
    message:
      "O registo TLS-RPT de {name} não é válido ({problem, select, empty_field {um campo vazio} version_not_first {v=TLSRPTv1 não é o primeiro campo} version_repeated {v= aparece duas vezes} rua_repeated {rua aparece duas vezes} bad_extension {um campo está mal formado} field_without_value {um campo não tem valor} other {{problem}}}): «{record}».",
    why: "Um servidor de envio ignora um registo que não consegue interpretar (RFC 8460 §3), pelo que não chegam relatórios.",
    remediation: "Publique «v=TLSRPTv1; rua=mailto:<endereço>» (ou um URI https:), com um só campo rua e uma lista separada por vírgulas.",
  },
  TLSRPT_RUA_MISSING: {
    message: "O registo TLS-RPT de {name} não tem campo rua: os servidores de envio não têm para onde enviar os relatórios.",
    why: "O rua é o único campo obrigatório (RFC 8460 §3).",
    remediation: "Acrescente ao registo rua=mailto:<endereço> (ou um URI https:).",
  },
  TLSRPT_RUA_BARE_ADDRESS: {
    message: "O endereço de relatório TLS-RPT «{uri}» é um endereço simples, não um URI.",
    why: "O rua aceita URIs (RFC 8460 §3): os servidores de envio ignoram um endereço sem «mailto:». É o erro de TLS-RPT mais comum.",
    remediation: "Escreva-o como rua=mailto:{uri}.",
  },
  TLSRPT_RUA_INVALID: {
    message:
      "O URI de relatório TLS-RPT «{uri}» não é utilizável ({problem, select, scheme {só são permitidos mailto: e https:} mailto_address {o URI mailto: não tem um endereço válido} https_url {o URI https: está mal formado} other {{problem}}}).",
    why: "Os servidores de envio só enviam relatórios para URIs mailto: e https: (RFC 8460 §3).",
    remediation: "Use rua=mailto:<endereço> ou rua=https://<anfitrião>/<caminho>.",
  },
  DANE_ROLLOVER_SINGLE: {
    message:
      "{count, plural, one {O registo TLSA de {host} só indica} other {Os registos TLSA de {host} só indicam}} o certificado apresentado hoje: uma troca de certificado com uma nova chave quebra o DANE até o DNS ser atualizado.",
    why: "Um conjunto TLSA deve sobreviver à próxima troca de certificado (RFC 7671 §8.1): publique o registo da próxima chave antes da troca, ou um registo DANE-TA(2) para a AC emissora ao lado do DANE-EE(3). O internet.nl recomenda o mesmo.",
    remediation: "Acrescente um segundo registo: «3 1 1» para a próxima chave (gerada agora e usada na próxima renovação), ou «2 1 1» para a AC emissora. Reutilize a chave nas renovações (certbot --reuse-key) para manter o «3 1 1» válido.",
  },
  ...ptMailAuthFindings,
  DANE_ROLLOVER_FUTURE_RECORD: {
    message: "O registo TLSA «{record}» de {host} não corresponde a nada do que o servidor apresenta: foi publicado para uma chave futura.",
    why: "Durante uma rotação, o registo do próximo certificado é publicado antes dele (RFC 7671 §8.1); outro registo corresponde hoje.",
    remediation: "",
  },
  ...ptExchangeReadinessFindings,
};
