// Os textos dos passos em português europeu: títulos, resumos e linhas de detalhe, pelas mesmas
// chaves e com os mesmos parâmetros ICU de lib/report/i18n/en/steps.ts (tests/i18n verifica-o).
// Os indicadores chegam como "yes"/"no"; os tokens do núcleo com "-" escrevem-se com "_" nas
// opções de select (lib/report/i18n/icu.ts). As linhas de evidência (registos, datas ISO) ficam
// como o protocolo as mostra.
import type { StepKey } from "../en/steps";
import { ptDnsSteps } from "./dns";
import { ptMailAuthSteps } from "./mail-auth";
import { ptInput } from "./input";
import { ptRunErrors } from "./run-errors";
import { ptExchangeReadinessSteps } from "./exchange-readiness";

export const ptSteps: Readonly<Partial<Record<StepKey, string>>> = {
  "legacy.text": "{text}",

  // O executor.
  "step.internalError": "Erro interno: {error}",
  "step.unfinished": "Este passo ficou por concluir.",
  "run.stopped": "Interrompido porque a execução não podia continuar.",
  ...ptRunErrors,
  ...ptInput,

  // Detalhes das pesquisas.
  "detail.query": "Consulta: {name} {type}",
  "detail.dnssec":
    "DNSSEC: {status, select, secure {Seguro (a resposta está assinada e a cadeia de confiança até à âncora de confiança é válida)} insecure {Inseguro (a resposta está sob uma delegação não assinada, provada por DNSSEC)} bogus {Inválido (a resposta afirma ter proteção DNSSEC, mas falha a validação)} other {Indeterminado (não foi recebida nenhuma resposta utilizável)}}",
  "detail.unanswered": "Nenhum resolvedor deu uma resposta utilizável a esta consulta.",
  "detail.aliasChain": "Cadeia de aliases: {chain}",
  "detail.denial":
    "Prova de inexistência: {kind, select, nxdomain {NXDOMAIN (o nome não existe)} other {NODATA (o nome existe, o tipo não)}} provada por {proof}{optOut, select, yes {, com exclusão (opt-out)} other {}}.",
  "detail.ds": "DS: {ds}",
  "detail.dnskey": "DNSKEY: etiqueta da chave {keyTag}, {algorithmName} ({algorithm}), indicadores {flags}, {role, select, KSK {KSK} ZSK {ZSK} revoked {revogada} not_zone {não é chave de zona} other {{role}}}{designated, select, yes { (corresponde ao DS)} other {}}",
  // Porque é que uma consulta ficou sem resposta utilizável (lib/dns): o {problem} de NETWORK_FAILURE.
  ...ptDnsSteps,
  "detail.zoneCache": "Validada por uma execução anterior há {ageSeconds, plural, one {# segundo} other {# segundos}} e reutilizada da cache de zonas partilhada (não foi pedida de novo).",
  "dnssec.responseProblem": "{responseProblem, select, rcode {o resolvedor respondeu com o RCODE {responseRcode}} dname_too_long {o DNAME {responseOwner} -> {responseTarget} reescrevê-lo-ia num nome com mais de 255 octetos, ao qual um servidor tem de responder com YXDOMAIN (RFC 6672 §2.2)} wrong_zone {está assinada por {responseSigner}, mas a cadeia de confiança coloca {responseOwner} na zona {responseZone}} other {{responseProblem}}}",
  "dnssec.dnskeyProblem": "{dnskeyProblem, select, no_keys {a consulta DNSKEY não devolveu chaves} unsigned {o conjunto DNSKEY não tem nenhuma assinatura} not_designated {o conjunto DNSKEY não está assinado por uma chave designada pelos registos DS} other {{dnskeyProblem}}}",
  "dnssec.denial":
    "{denial, select, nsec_none {não foram fornecidos registos NSEC} nsec_wildcard_name_uncovered {nenhum NSEC prova que o próprio {denialName} não existe, pelo que a resposta por carácter universal (wildcard) não está provada} nsec_wildcard_encloser {o NSEC {denialOwner} -> {denialNext} coloca o ascendente existente mais próximo (closest encloser) em {denialEncloser}, e não no pai do carácter universal (wildcard), {denialParent}} nsec_wildcard_proven {o NSEC {denialOwner} -> {denialNext} prova que {denialName} não existe, pelo que o carácter universal (wildcard) se aplica} nsec_name_exists {existe um registo NSEC para o próprio {denialName}, pelo que o nome existe} nsec_no_cover {nenhum registo NSEC cobre {denialName}} nsec_empty_non_terminal {o NSEC {denialOwner} -> {denialNext} mostra que {denialName} é um nó intermédio vazio (empty non-terminal), pelo que o nome existe} nsec_wildcard_uncovered {nenhum registo NSEC prova que o carácter universal (wildcard) {denialWildcard} não existe} nsec_nxdomain_proven {o NSEC {denialOwner} -> {denialNext} cobre {denialName}; o NSEC {denialWildcardOwner} -> {denialWildcardNext} cobre {denialWildcard}} nsec_bitmap {NSEC em {denialName}: {denialBitmap, select, lists_type {o mapa de tipos lista o tipo pedido} lists_cname {o mapa de tipos lista um CNAME, pelo que o nome é um alias} parent_side {o registo é o do pai numa delegação e não pode negar dados abaixo do corte} lists_dname {o mapa de tipos lista um DNAME, pelo que o nome é redirecionado} other {{denialBitmap}}}} nsec_nodata_proven {o NSEC em {denialName} lista {denialCount} tipos, sem o tipo pedido} nsec_no_match_or_cover {nenhum registo NSEC corresponde a {denialName} nem o cobre} nsec_ent_proven {{denialName} é um nó intermédio vazio (empty non-terminal): o NSEC {denialOwner} -> {denialNext} salta-o} nsec_wildcard_no_match {nenhum registo NSEC corresponde a {denialName}, e nenhum prova que o carácter universal (wildcard) {denialWildcard} não tem o tipo} nsec_wildcard_nodata_proven {o NSEC {denialOwner} -> {denialNext} cobre {denialName}; o carácter universal (wildcard) {denialWildcard} não tem o tipo} nsec_leaves_zone {o NSEC {denialOwner} -> {denialNext} sai da zona {denialZone}} nsec3_encloser_cut {o ascendente existente mais próximo (closest encloser) {denialEncloser} é uma delegação ou um DNAME, pelo que nada prova abaixo dele} nsec3_next_closer_uncovered {nenhum registo NSEC3 cobre o nome seguinte mais próximo (next closer) {denialName}} nsec3_no_encloser {nenhum registo NSEC3 corresponde a um ascendente de {denialName} em {denialZone}} nsec3_none {não foram fornecidos registos NSEC3 utilizáveis para {denialZone}} nsec3_iterations {a zona {denialZone} usa {denialIterations} iterações NSEC3, acima do limite de {denialLimit} (RFC 9276)} nsec3_name_exists {um registo NSEC3 corresponde a {denialName}, pelo que o nome existe} nsec3_wildcard_uncovered {nenhum registo NSEC3 prova que o carácter universal (wildcard) {denialWildcard} não existe} nsec3_nxdomain_proven {ascendente existente mais próximo (closest encloser): {denialEncloser}; o nome seguinte mais próximo (next closer) {denialName} e o carácter universal (wildcard) {denialWildcard} estão cobertos} nsec3_outside_zone {{denialName} está fora de {denialZone}} nsec3_wildcard_next_closer_uncovered {nenhum registo NSEC3 cobre o nome seguinte mais próximo (next closer) {denialName}, pelo que a resposta por carácter universal (wildcard) não está provada} nsec3_wildcard_proven {o NSEC3 {denialOwner} cobre o nome seguinte mais próximo (next closer) {denialName}} nsec3_bitmap {NSEC3 de {denialName}: {denialBitmap, select, lists_type {o mapa de tipos lista o tipo pedido} lists_cname {o mapa de tipos lista um CNAME, pelo que o nome é um alias} parent_side {o registo é o do pai numa delegação e não pode negar dados abaixo do corte} lists_dname {o mapa de tipos lista um DNAME, pelo que o nome é redirecionado} other {{denialBitmap}}}} nsec3_nodata_proven {o NSEC3 {denialOwner} corresponde a {denialName} e não lista o tipo pedido} nsec3_no_opt_out {nenhum NSEC3 corresponde a {denialName} e o NSEC3 que o cobre, {denialOwner}, não tem o indicador de exclusão (opt-out)} nsec3_opt_out_proven {o NSEC3 {denialOwner} com exclusão (opt-out) cobre {denialName}: qualquer delegação aí não está assinada} nsec3_opt_out_ent_proven {nenhum NSEC3 corresponde a {denialName}; o NSEC3 com exclusão (opt-out) {denialOwner} cobre {denialNext}} nsec3_wildcard_no_match {nenhum NSEC3 corresponde a {denialName} nem ao carácter universal (wildcard) {denialWildcard}} nsec3_wildcard_nodata_proven {o carácter universal (wildcard) {denialWildcard} existe sem o tipo pedido; {denialName} está coberto} other {a prova não se sustenta ({denial})}}",
  "detail.rrsig":
    "RRSIG de {covers}: etiqueta da chave {keyTag}, algoritmo {algorithm}, de {inception} a {expiration} — {verdict, select, chain {válida} off_chain {válida, por uma chave que nenhum DS designa (fora da cadeia de confiança; normal)} invalid {INVÁLIDA: {problem, select, signer_not_zone {o nome do signatário não é o vértice da zona} signer_not_ancestor {o signatário não é um ascendente do nome do titular} type_mismatch {cobre outro tipo} labels_invalid {o campo de etiquetas não condiz com o nome do titular} not_yet_valid {ainda não é válida} expired {expirou} no_matching_key {não há nenhuma DNSKEY utilizável com esta etiqueta e este algoritmo} bad_signature {a assinatura não é válida} other {RRSIG mal formado}}{ignored, select, yes { (ignorada: outra assinatura valida os registos)} other {}}} other {não verificada: {problem, select, unsupported_algorithm {algoritmo não suportado} not_checked {o conjunto de registos já tinha esgotado as suas verificações de assinatura (uma defesa contra o KeyTrap, CVE-2023-50387)} other {não suportada}}{ignored, select, yes { (ignorada: outra assinatura valida os registos)} other {}}}}",

  // A cadeia de confiança.
  "chain.mailTitle": "A validar a cadeia de confiança DNSSEC de «{domain}» e dos respetivos anfitriões MX.",
  "chain.nameTitle": "A verificar a cadeia de confiança de «{name}», zona a zona.",
  "chain.summary":
    "{status, select, secure {Todas as respostas foram validadas a partir da âncora de confiança ({zones, plural, one {# zona} other {# zonas}}).} insecure {Algumas respostas vêm de zonas não assinadas: o DNSSEC (e, portanto, o DANE) não as protege.} bogus {Algumas respostas falham a validação DNSSEC (veja as zonas abaixo).} other {Algumas respostas não puderam ser validadas porque não chegou nenhuma resposta utilizável.}}{remarks, select, yes { O validador tem observações sobre as chaves ou os resumos em uso (veja as constatações).} other {}}",
  "zone.title": "A verificar a zona «{zone}».",
  "zone.summary":
    "A zona «{zone}» {status, select, secure {{anchor, select, yes {está assinada e as suas chaves correspondem à âncora de confiança configurada} other {está assinada e as suas chaves são autenticadas pelos registos DS da zona-mãe}}} insecure {não está assinada (uma delegação insegura provada pela zona-mãe)} bogus {está assinada, mas falha a validação DNSSEC (inválida)} other {não pode ser verificada: não chegou nenhuma resposta utilizável}}.{bad, plural, =0 {} one { # assinatura nela não é válida (veja os detalhes).} other { # assinaturas nela não são válidas (veja os detalhes).}}",

  // Descoberta dos MX.
  "mx.title": "A obter os registos DNS MX do domínio «{domain}».",
  "mx.failed": "A pesquisa MX de «{domain}» falhou (veja nas constatações porquê).",
  "mx.bogus": "Os registos MX falharam a validação DNSSEC. Nada abaixo deles é fiável.",
  "mx.nxdomain": "O domínio «{domain}» não existe (NXDOMAIN{proven, select, yes {, provado por DNSSEC} other {}}).",
  "mx.nullMx": "«{domain}» publica um MX nulo (RFC 7505): não aceita correio.",
  "mx.implicit":
    "Não foram encontrados registos MX, pelo que o próprio domínio é o seu anfitrião de correio (MX implícito, RFC 5321 §5.1): o correio vai para os respetivos endereços A/AAAA, se os tiver.{insecure, select, yes { Não estão assinados com DNSSEC, pelo que o DANE não se aplica a este domínio.} other {}}",
  "mx.records":
    "{count, plural, one {Foi obtido # registo MX do DNS{secure, select, yes {, seguro em DNSSEC} other {}}} other {Foram obtidos # registos MX do DNS{secure, select, yes {, seguros em DNSSEC} other {}}}}: {hosts}.{insecure, select, yes { Não estão assinados com DNSSEC, pelo que o DANE não se aplica a este domínio.} other {}}",
  "mx.truncated": "Só são testados os {max} anfitriões MX preferidos, de {total}.",

  // Um anfitrião MX.
  "host.title": "A testar o anfitrião MX «{host}» (preferência {preference}).",
  "host.dane": "{passed} de {count, plural, one {# endereço} other {# endereços}} {passed, plural, one {passou} other {passaram}} a verificação DANE.",
  "host.tlsaFailed": "Este anfitrião não pode ser usado: a pesquisa TLSA falhou.",
  "host.noneUsable":
    "Nenhum dos seus registos TLSA é utilizável: o TLS é obrigatório, mas o servidor não é autenticado; {tls} de {count, plural, one {# endereço} other {# endereços}} {tls, plural, one {concluiu} other {concluíram}} o TLS.",
  "host.noDane": "O DANE não está em vigor para este anfitrião (TLSA: {tlsa, select, absent {ausente} insecure {inseguro} secure {seguro} bogus {inválido} servfail {SERVFAIL} other {{tlsa}}}).",
  "host.alias": "«{host}» é um alias de {chain}",
  "addresses.title": "A resolver os registos A e AAAA de «{host}».",
  "addresses.bogus": "Os registos de endereço de «{host}» falharam a validação DNSSEC.",
  "addresses.none": "{failed, select, yes {A pesquisa de endereços de «{host}» falhou.} other {«{host}» não tem registos A nem AAAA.}}",
  "addresses.secure": "{count, plural, one {Foi encontrado # endereço, seguro} other {Foram encontrados # endereços, seguros}} em DNSSEC: {list}.",
  "addresses.insecureDaneOff":
    "{count, plural, one {Foi encontrado # endereço} other {Foram encontrados # endereços}} ({list}), mas sem segurança DNSSEC: o DANE não se aplica a este anfitrião.",
  "addresses.found": "{count, plural, one {Foi encontrado # endereço} other {Foram encontrados # endereços}}: {list} (DNSSEC: {dnssec, select, secure {seguro} insecure {inseguro} bogus {inválido} indeterminate {indeterminado} other {{dnssec}}}).",
  "addresses.truncated": "Só são testados os primeiros {max} de {total} endereços.",
  "tlsa.title": "A obter os registos TLSA em «{name}».",
  "tlsa.unused":
    "Os registos TLSA não são usados porque {because, select, mx_insecure {os registos MX não são seguros em DNSSEC} other {os endereços do anfitrião não são seguros em DNSSEC}} (RFC 7672 §2.2).",
  "tlsa.noneUsable":
    "{count, plural, one {Foi encontrado # registo TLSA seguro} other {Foram encontrados # registos TLSA seguros}} em DNSSEC em «{name}», nenhum utilizável para SMTP (utilizações 0/1 ou parâmetros desconhecidos): o TLS é obrigatório, mas o servidor não pode ser autenticado.",
  "tlsa.secure":
    "{count, plural, one {Foi encontrado # registo TLSA seguro} other {Foram encontrados # registos TLSA seguros}} em DNSSEC em «{name}», {usable, plural, one {# utilizável} other {# utilizáveis}}: o DANE é obrigatório para este anfitrião.",
  "tlsa.absent": "Não há registos TLSA em «{name}» (inexistência provada por DNSSEC): o DANE não está em vigor para este anfitrião.",
  "tlsa.insecure":
    "{because, select, mx_insecure {Os registos TLSA não são usados porque os registos MX não são seguros em DNSSEC (RFC 7672 §2.2).} addresses_insecure {Os registos TLSA não são usados porque os endereços do anfitrião não são seguros em DNSSEC (RFC 7672 §2.2).} other {A resposta TLSA para «{name}» não é segura em DNSSEC: o DANE não se aplica a este anfitrião.}}",
  "tlsa.bogus": "Os registos TLSA em «{name}» falharam a validação DNSSEC. O anfitrião não pode ser usado.",
  "tlsa.servfail": "A pesquisa TLSA de «{name}» falhou; isso não prova a inexistência, pelo que o anfitrião não pode ser usado.",

  // Um endereço: a conversa SMTP.
  "address.title": "A testar o endereço {family, select, 6 {IPv6} other {IPv4}} {ip} de «{host}».",
  "address.summary":
    "{ip}: SMTP alcançável, {tls, select, other {TLS {tls}} none {sem TLS}}, {dane, select, pass {DANE aprovado} fail {DANE falhou} unusable {nenhum registo TLSA utilizável} other {DANE não aplicável}}.",
  "address.unreachable": "{ip}: sem sessão SMTP ({detail}).",
  "smtp.connect.title": "A estabelecer ligação a {ip} na porta {port}.",
  "smtp.banner.title": "A aguardar a saudação SMTP (banner 220).",
  "smtp.ehlo.title": "A enviar EHLO e a ler as extensões anunciadas.",
  "smtp.starttls.title": "A iniciar o TLS (STARTTLS).",
  "smtp.tls.title": "A negociar o TLS com o nome de servidor «{host}» e a capturar a respetiva cadeia de certificados.",
  "smtp.failed": "A conversa parou: {detail}.",
  "smtp.notReached":
    "Não tentado: {because, select, no_connection {sem ligação} no_greeting {sem saudação SMTP} ehlo_rejected {o EHLO não foi aceite} starttls_not_offered {o STARTTLS não é oferecido} starttls_refused {o STARTTLS foi recusado} other {sem sessão TLS}}.",
  "smtp.connected": "Ligação estabelecida a {ip} na porta {port} em {ms} ms.",
  "smtp.greeted": "O servidor saudou: {banner}",
  "smtp.heloOnly": "O servidor rejeitou o EHLO e só aceitou HELO (sem extensões SMTP).",
  "smtp.ehlo": "EHLO aceite; {count, plural, one {# extensão anunciada} other {# extensões anunciadas}}.",
  "smtp.starttlsRequired": "O servidor não oferece STARTTLS, que os respetivos registos TLSA tornam obrigatório.",
  "smtp.starttlsMissing": "O servidor não oferece STARTTLS: o correio para ele circula em texto não cifrado.",
  "smtp.starttlsAccepted": "STARTTLS oferecido e aceite.",
  "smtp.tls":
    "TLS estabelecido: {version}, {cipher}; o servidor enviou {count, plural, one {# certificado} other {# certificados}}.{then, select, none {} other { Depois: {then}.}}",
  "smtp.stage":
    "{smtpStage, select, banner {o banner} ehlo {a resposta ao EHLO} ehlo_tls {a resposta ao EHLO sobre TLS} helo {a resposta ao HELO} starttls {a resposta ao STARTTLS} mail {a resposta ao MAIL FROM} rcpt {a resposta ao RCPT TO} data {a resposta ao DATA} message {a resposta à mensagem} quit {a resposta ao QUIT} connect {a ligação} tls {a negociação TLS} other {uma resposta}}",
  "smtp.problem":
    "{smtpProblem, select, none {} guard {o endereço está em {smtpText}, um intervalo a que o mailsec não se liga, a menos que sejam permitidos destinos privados (o laboratório)} not_ip {«{smtpText}» não é um endereço IPv4 ou IPv6 literal; a proteção só avalia o endereço a que efetivamente se liga} cancelled {a execução foi cancelada} budget {esgotou-se o número de ligações do mailsec a esse endereço neste minuto (outros testes estão a sondá-lo); volte a testar dentro de um minuto} total_timeout {o teste SMTP não terminou dentro do seu limite de {smtpMs, number} ms} connect_timeout {sem ligação TCP em {smtpMs, number} ms: o endereço não responde (uma firewall pode estar a descartar o tráfego SMTP)} connect_refused {o servidor recusou a ligação TCP (ECONNREFUSED): nada está à escuta nessa porta} connect_error {a ligação TCP falhou ({smtpCode}): {smtpText}} no_banner {o servidor aceitou a ligação TCP mas não enviou banner em {smtpMs, number} ms} read_timeout {o servidor não enviou {smtpWaited} em {smtpMs, number} ms: {smtpBytes, plural, =0 {não chegou nada} one {só chegou # byte, não uma resposta completa (o servidor envia os dados a conta-gotas)} other {só chegaram # bytes, não uma resposta completa (o servidor envia os dados a conta-gotas)}}} line_too_long {{smtpWaited} foi cortada: uma linha de resposta excedeu {smtpLimit, number} bytes} too_many_lines {{smtpWaited} foi cortada: uma resposta de várias linhas passou das {smtpLimit, number} linhas sem linha final} not_a_reply {{smtpWaited} foi cortada: «{smtpText}» não é uma linha de resposta SMTP (um código de três algarismos 2xx-5xx, seguido de espaço ou «-»)} code_changed {{smtpWaited} foi cortada: uma resposta de várias linhas mudou de código ({smtpCode})} too_much_data {o servidor enviou mais de {smtpLimit, number} bytes numa só ligação enquanto o mailsec aguardava {smtpWaited}} closed {o servidor fechou a ligação enquanto o mailsec aguardava {smtpWaited} (após {smtpMs, number} ms)} rejected {{smtpStage, select, banner {o servidor saudou com «{smtpText}» em vez de 220, e recusou o serviço} helo {o servidor rejeitou o EHLO e o HELO (HELO: «{smtpText}»)} starttls {o servidor ofereceu STARTTLS mas respondeu-lhe com «{smtpText}»} ehlo_tls {o servidor rejeitou o EHLO sobre TLS com «{smtpText}»} other {o servidor rejeitou o EHLO com «{smtpText}»}}} helo_only {o servidor rejeitou o EHLO e só aceitou HELO, pelo que não pode oferecer STARTTLS: o correio para ele circularia sem cifra} not_offered {o servidor não ofereceu STARTTLS na resposta ao EHLO: o correio para ele circularia sem cifra} injection {o servidor enviou {smtpBytes, plural, one {# byte} other {# bytes}} de texto não cifrado depois da resposta 220 ao STARTTLS, antes da negociação TLS; um cliente que os lesse trataria texto injetado como protegido} tls_timeout {a negociação TLS não terminou em {smtpMs, number} ms} tls_alert {a negociação TLS falhou (após {smtpMs, number} ms): o servidor enviou o alerta {smtpCode} {smtpText}} tls_closed {o servidor fechou a ligação durante a negociação TLS (após {smtpMs, number} ms)} not_tls {a negociação TLS falhou (após {smtpMs, number} ms): o servidor respondeu ao ClientHello com bytes que não são TLS (OpenSSL: {smtpText}); pode ainda estar a falar em texto simples} tls_error {a negociação TLS falhou (após {smtpMs, number} ms): {smtpText}} chain_certs {a cadeia de certificados foi cortada nos limites: o servidor apresentou mais de {smtpLimit, number} certificados} chain_bytes {a cadeia de certificados foi cortada nos limites: os certificados apresentados excedem {smtpLimit, number} bytes} smtputf8 {o servidor não oferece SMTPUTF8 sobre TLS, pelo que não lhe pode ser dado um endereço com parte local não ASCII (RFC 6531 §3.4); não foi enviado nenhum envelope} throttled {o servidor limitou o mailsec em {smtpWaited}: «{smtpText}»; isto nada diz sobre o TLS ou o DANE dele, volte a testar mais tarde} throttled_reset {o servidor reiniciou a ligação ao abri-la (limitação de tráfego); isto nada diz sobre o TLS ou o DANE dele, volte a testar mais tarde} throttled_closed {o servidor fechou a ligação antes de qualquer saudação (limitação de tráfego); isto nada diz sobre o TLS ou o DANE dele, volte a testar mais tarde} other {a conversa interrompeu-se ({smtpProblem})}}",
  "guard.reason":
    "{mapped, select, yes {uma forma IPv4-mapeada de } other {}}{guardReason, select, limited_broadcast {o endereço de difusão limitada (RFC {rfc})} this_network {o intervalo não especificado ''esta rede'' (RFC {rfc})} private {uma rede privada (RFC {rfc})} shared {o espaço partilhado de NAT de operador (RFC {rfc})} loopback {loopback (RFC {rfc})} link_local {link-local (RFC {rfc})} ietf_protocol {atribuições de protocolo do IETF (RFC {rfc})} test_net_1 {documentação TEST-NET-1 (RFC {rfc})} test_net_2 {documentação TEST-NET-2 (RFC {rfc})} test_net_3 {documentação TEST-NET-3 (RFC {rfc})} documentation {documentação (RFC {rfc})} relay_6to4 {o intervalo anycast, obsoleto, dos relays 6to4 (RFC {rfc})} benchmarking {testes de desempenho (RFC {rfc})} multicast {multicast (RFC {rfc})} reserved {reservado para uso futuro (RFC {rfc})} unspecified {o endereço não especificado (RFC {rfc})} nat64 {o prefixo NAT64 bem conhecido, que contém um endereço IPv4 (RFC {rfc})} nat64_local {o prefixo NAT64 de uso local (RFC {rfc})} discard_only {o prefixo de descarte (RFC {rfc})} teredo {o túnel Teredo, que contém um endereço IPv4 (RFC {rfc})} orchid {identificadores ORCHID obsoletos (RFC {rfc})} orchid_v2 {identificadores ORCHIDv2 (RFC {rfc})} tunnel_6to4 {o túnel 6to4, que contém um endereço IPv4 (RFC {rfc})} segment_routing {SIDs de encaminhamento por segmentos (RFC {rfc})} unique_local {endereços locais únicos, o intervalo privado do IPv6 (RFC {rfc})} site_local {site-local, obsoleto (RFC {rfc})} not_global_unicast {fora do espaço unicast global do IPv6 (reservado pelo IETF, RFC {rfc})} not_ip {«{ip}» não é um endereço IPv4 ou IPv6 literal; a proteção só avalia o endereço a que realmente se liga} scoped {um endereço com índice de zona (âmbito link-local)} other {{guardReason}}}",
  "transcript.connecting": "* A ligar a {ip} na porta {port}",
  "transcript.connected": "* Ligação estabelecida em {ms} ms",
  "transcript.tlsStarted": "* Negociação TLS iniciada{sni, select, none { (sem SNI)} other { (SNI {sni})}}",
  "transcript.tlsEstablished": "* TLS estabelecido: {version}, {cipher}, {count, plural, one {# certificado apresentado} other {# certificados apresentados}}, {ms} ms",
  "transcript.retry": "* Limitado{reply, select, none {} other { ({reply})}}; mais uma tentativa após {ms} ms",
  "transcript.moreLines": "* ({count, plural, one {mais # linha} other {mais # linhas}} desta resposta não mostradas)",
  "transcript.messageSent": "* (mensagem, {bytes} bytes, terminada por <CRLF>.<CRLF>)",
  "transcript.cut": "* (transcrição cortada: demasiadas entradas)",
  "transcript.stopped": "* {detail}",
  "smtp.sni": "SNI: {sni}",
  "smtp.handshake": "Negociação: {ms} ms",
  "smtp.chainAsSent": "Cadeia de certificados tal como enviada:",
  "smtp.chainCert": "[{index}] {cert}; SHA-256 {sha256}; SPKI SHA-256 {spki}",
  "smtp.transcript": "Transcrição SMTP:",

  // O certificado (Correio Eletrónico SMTP de Entrada).
  "certificate.title": "A verificar o certificado do servidor (confiança WebPKI, nome, datas, chave).",
  "certificate.unreadable": "Não foi possível ler o certificado (veja as constatações).",
  "certificate.summary":
    "{subject, select, none {(titular vazio)} other {{subject}}}: {trusted, select, yes {de confiança na WebPKI ({path})} other {não é de confiança para o repositório de raízes WebPKI}}; o nome {nameMatches, select, yes {corresponde} other {não corresponde}}; {validity, select, expired {expirado} not_yet_valid {ainda não válido} other {{days, plural, one {falta # dia} other {faltam # dias}}}}.",
  "certificate.issuer": "    Emissor: {issuer}",
  "certificate.names": "    Nomes: {names, select, none {nenhum} other {{names}}}",
  "certificate.validity": "    Válido: de {notBefore} a {notAfter} ({days, plural, =-1 {expirou há 1 dia} other {{days} dias}})",
  "certificate.key": "    Chave: {keyType, select, unknown {desconhecida} other {{keyType}}}{keySize, plural, =0 {} other { {keySize} bits}}{curve, select, none {} unknown {, curva desconhecida} other { {curve}}}; assinatura: {signature}",
  "certificate.order": "Ordem da cadeia: {ok, select, yes {correta} other {errada}}",

  // DANE.
  "dane.title": "A validar o certificado com os registos TLSA (DANE, RFC 7672).",
  "dane.address-bogus": "Não é possível confiar no DANE: os registos de endereço falham a validação DNSSEC, pelo que um servidor de envio não pode usar este endereço.",
  "dane.tlsa-bogus": "Não é possível avaliar o DANE: a pesquisa TLSA é inválida, pelo que um servidor de envio não pode usar este anfitrião.",
  "dane.tlsa-servfail": "Não é possível avaliar o DANE: a pesquisa TLSA falhou, pelo que um servidor de envio não pode usar este anfitrião.",
  "dane.not-applicable":
    "O DANE não se aplica: {because, select, mx_insecure {os registos MX não são seguros em DNSSEC} addresses_insecure {os endereços do anfitrião não são seguros em DNSSEC} absent {o anfitrião não publica registos TLSA} other {os registos TLSA estão {tlsa}}}.",
  "dane.no-tls": "O DANE falhou: não foi possível estabelecer uma sessão TLS, e os registos TLSA tornam o TLS obrigatório.",
  "dane.none-usable": "O TLS está em uso, mas nenhum dos registos TLSA é utilizável para SMTP: o servidor não é autenticado.",
  "dane.authenticated": "O servidor está autenticado: o respetivo certificado corresponde ao registo TLSA {record} ({usage}).",
  "dane.mismatch": "A autenticação DANE falhou (veja nas constatações o registo e o certificado).",
  // Um registo TLSA comparado com a cadeia apresentada (lib/dane/match.ts).
  "tlsaRecord.unusable":
    "{reason, select, pkix_usage {a utilização {usage} (PKIX) não é usada para SMTP (RFC 7672 §3.1.3)} unknown_usage {a utilização {usage} não está definida} unknown_selector {o seletor {selector} não está definido (0 = certificado, 1 = chave pública)} unknown_matching_type {o tipo de correspondência {matchingType} não está definido (0 = exato, 1 = SHA-256, 2 = SHA-512)} other {os dados de associação têm o comprimento errado ({length} octetos)}}",
  "tlsaRecord.noCertificate": "o servidor não apresentou nenhum certificado",
  "tlsaRecord.leafUnparseable": "não foi possível interpretar o certificado do servidor",
  "tlsaRecord.taIsLeaf":
    "corresponde ao próprio certificado do servidor, mas um registo DANE-TA(2) tem de indicar uma AC que o tenha emitido; publique-o com a utilização 3 (DANE-EE)",
  "tlsaRecord.taNoMatch": "não corresponde a nenhum certificado enviado pelo servidor",
  "tlsaRecord.eeMatch": "DANE-EE: corresponde {what, select, certificate {ao certificado} other {à chave pública}} do servidor",
  "tlsaRecord.eeNoMatch":
    "não corresponde {what, select, certificate {ao certificado} other {à chave pública}} do servidor {cert}; para ele, este registo seria «{expected}»",
  "tlsaRecord.taOk": "DANE-TA: {anchor} emite o certificado do servidor, que está dentro da validade e é válido para {name}",
  "tlsaRecord.taProblem": "corresponde a uma âncora de confiança, mas o servidor não está autenticado ({code}, abaixo)",
  "cert.untrusted":
    "{untrusted, select, self_signed {o certificado do servidor é autoassinado e não está no repositório de raízes} other {nenhum caminho de assinaturas válidas leva a uma raiz do repositório; o último certificado enviado, {top}, foi emitido por «{topIssuer}»}}",
  "cert.disorder": "{issuer}, na posição {position}, não emitiu {child}, que o precede",
  "dane.anchor":
    "{anchorSource, select, dns_key {a chave pública contida no registo (SPKI SHA-256 {anchorKey}…)} dns_certificate {{anchorCert} contido no registo} other {{anchorCert}}}",
  "cert.described": "{subject, select, none {(titular vazio)} other {«{subject}»}} (SHA-256 {fingerprint}…)",
  "cert.presentedNames": "{certNameList, select, none {(nenhum nome de anfitrião)} other {{certNameList}}}",
  "cert.signature":
    "{signatureScheme, select, rsa_pkcs1 {RSA PKCS#1 v1.5} rsa_pss {RSA-PSS} ecdsa {ECDSA} dsa {DSA} ed25519 {Ed25519} ed448 {Ed448} other {desconhecido ({signatureOid})}}{signatureHash, select, none {} other { com {signatureHash}}}",
  "dane.referenceNames":
    "{referenceCount, plural, =0 {(nenhum nome de referência indicado)} =1 {{referenceName}} other {{referenceName} ou {otherReferenceNames}}}",
  "daneTa.sentChain":
    "{chainSent}{unparseableCount, plural, =0 {} =1 { (não é possível interpretar o certificado na posição {unparseable})} other { (não é possível interpretar os certificados nas posições {unparseable})}}",
  "daneTa.broken":
    "{broken, select, anchor_not_ca {{anchor} não é um certificado de AC (o basicConstraints CA não está definido)} unparseable {não é possível interpretar o certificado na posição {position}} not_issuer {{issuer}, enviado depois de {child}, não o emitiu} issuer_not_ca {{issuer} emitiu {child}, mas não é um certificado de AC} other {nenhuma sequência de assinaturas leva do certificado do servidor até ela}}",
  "dane.untested":
    "O DANE não foi avaliado: {why, select, policy {a política de endereços do mailsec não permite ligar a este endereço} throttled {o servidor limitou as ligações do mailsec, pelo que o respetivo TLS não foi alcançado} other {esgotou-se o número de ligações que o mailsec pode abrir a este endereço}}.",

  // Exchange Online.
  "exchange.untested": "{count, plural, one {o anfitrião MX {untested} não foi testado} other {os anfitriões MX {untested} não foram testados}}, por razões alheias aos servidores.",
  "exchange.title": "A prever o que o Exchange Online faz ao correio para «{domain}».",
  "exchange.summary":
    "{outcome, select, deliver {O Exchange Online entregaria o correio.} no_mail {O Exchange Online não entregaria correio a este domínio.} other {O Exchange Online adiaria o correio{code, select, none {} other { com {code}}}.}}",

  // O teste de Validação DNSSEC.
  "answer.title": "A validar {shown} com DNSSEC.",
  "answer.secure":
    "Seguro: {what, select, records {{count, plural, one {# registo} other {# registos}}} denial {uma prova de inexistência} other {uma resposta vazia}} para {shown}, validado a partir da âncora de confiança.",
  "answer.insecure":
    "Inseguro: {what, select, records {{count, plural, one {# registo} other {# registos}}} denial {uma prova de inexistência} other {uma resposta vazia}} para {shown}, de uma zona não assinada.",
  "answer.bogus": "Inválido: a resposta para {shown} falha a validação.",
  "answer.indeterminate": "Indeterminado: sem resposta utilizável para {shown}.",
  "dnssecHosts.title": "A validar os registos de endereço de cada anfitrião MX.",
  "dnssecHosts.summary": "{count, plural, one {# anfitrião MX verificado} other {# anfitriões MX verificados}}.",
  "dnssecHost.title": "A validar os registos A e AAAA de «{host}».",

  // Correio Eletrónico SMTP de Entrada: o destinatário.
  "recipient.sendTitle": "A enviar uma mensagem de teste para «{to}» sobre TLS.",
  "recipient.checkTitle": "A verificar se os anfitriões MX aceitam correio para «{to}» (para após o RCPT TO; não é enviada nenhuma mensagem).",
  "recipient.noCandidate":
    "Nenhum endereço MX concluiu uma negociação TLS que um servidor de envio DANE aceitasse, pelo que não foi feita nenhuma verificação do destinatário (o mailsec só envia um envelope numa sessão assim).",
  "recipient.attemptTitle": "A tentar {host} ({ip}).",
  "recipient.notReached": "{host} ({ip}): a conversa terminou antes do envelope: {detail}.",
  "recipient.nullSenderRefused": "{host} ({ip}) recusou o remetente nulo (MAIL FROM:<>), que as mensagens de devolução usam.",
  "recipient.refused": "{host} ({ip}) recusou o destinatário <{to}>: {reply}.",
  "recipient.accepted": "{host} ({ip}) aceita correio para <{to}> sobre TLS (parou após o RCPT TO; não foi enviada nenhuma mensagem).",
  "recipient.messageRefused": "{host} ({ip}) não aceitou a mensagem de teste: {reply}.",
  "recipient.delivered": "{host} ({ip}) aceitou a mensagem de teste para <{to}> sobre TLS.",
  "recipient.noAttempt": "Não foi feita nenhuma tentativa.",

  // MTA-STS, TLS-RPT e preparação da rotação DANE (lib/checks/policies.ts).
  "mtaSts.title": "A verificar a política MTA-STS de «{domain}» (RFC 8461).",
  "mtaSts.summary":
    "{delivery, select, enforced {Um servidor de envio conforme impõe a política: só entrega por TLS autenticado aos anfitriões MX que a política indica.} report_only {A política está em modo testing: os servidores de envio comunicam as falhas de TLS, mas entregam na mesma.} refused {Um servidor de envio conforme recusa-se a entregar: nenhum anfitrião MX cumpre a política imposta.} no_policy {O domínio anuncia MTA-STS, mas não oferece nenhuma política utilizável.} other {{record, select, absent {Não está publicada nenhuma política MTA-STS.} other {A política tem o modo none: os servidores de envio não aplicam nenhuma política.}}}}",
  "mtaSts.fetchProblem":
    "{fetchProblem, select, no_address {o anfitrião da política não tem endereço} guard {{fetchIp} está em {fetchRange}, um intervalo a que o mailsec não se liga} timeout {sem resposta completa de {fetchIp} em {fetchMs, number} ms} stopped {a execução foi interrompida} socket {{fetchIp}: {fetchCode}} tls {{fetchIp}: {detail}} closed {{fetchIp}: a ligação fechou antes de a resposta estar completa} other {{fetchProblem}}}",
  "mtaSts.record": "TXT {name}: «{text}»",
  "mtaSts.noRecord": "TXT {name}: nenhum registo MTA-STS.",
  "mtaSts.policyUrl": "Política {url}:",
  "mtaSts.policyLine": "    {line}",
  "mtaSts.mx":
    "MX {host}: {covered, select, yes {abrangido pela política} other {não abrangido por nenhum padrão mx}}{certificate, select, valid {, certificado válido para o nome} invalid {, certificado NÃO válido para o nome na WebPKI} other {}}",
  "tlsRpt.title": "A verificar o registo de relatórios de TLS de SMTP de «{domain}» (RFC 8460).",
  "tlsRpt.summary":
    "{record, select, valid {Os servidores de envio comunicam as falhas de TLS a {rua}.} absent {Sem registo TLS-RPT: os servidores de envio não comunicam as falhas de TLS.} multiple {Vários registos TLS-RPT: os servidores de envio não usam nenhum.} other {O registo TLS-RPT não é utilizável.}}",
  "tlsRpt.record": "TXT {name}: «{text}»",
  ...ptMailAuthSteps,
  "rollover.title": "A verificar se os registos TLSA sobrevivem à próxima troca de certificado (RFC 7671 §8.1).",
  "rollover.summary":
    "{ready} de {count, plural, one {# anfitrião MX} other {# anfitriões MX}} com DANE {ready, plural, one {está preparado} other {estão preparados}} para uma troca de certificado.",
  "rollover.host":
    "{host}: {rollover, select, ready {preparado (está publicado um registo para uma próxima chave ou para a AC emissora)} single_record {só o certificado de hoje é indicado} other {não aplicável (nenhum registo TLSA utilizável corresponde hoje)}}",
  ...ptExchangeReadinessSteps,
};
