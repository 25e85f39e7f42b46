#include "tcp_stream.h"

#include <QSocketNotifier>
#include <cerrno>
#include <sys/socket.h>
#include <unistd.h>

namespace digitpad {

TcpStream::TcpStream(int descriptor, QObject *parent)
    : QObject(parent), m_descriptor(descriptor),
      m_readNotifier(new QSocketNotifier(descriptor, QSocketNotifier::Read, this)),
      m_writeNotifier(new QSocketNotifier(descriptor, QSocketNotifier::Write, this)) {
    m_writeNotifier->setEnabled(false);
    connect(m_readNotifier, &QSocketNotifier::activated, this, [this] { Q_EMIT readyRead(); });
    connect(m_writeNotifier, &QSocketNotifier::activated, this, [this] { flush(); });
}

TcpStream::~TcpStream() {
    // The notifiers must let go of the descriptor before it is closed (and perhaps reused).
    delete m_readNotifier;
    delete m_writeNotifier;
    ::close(m_descriptor);
}

QByteArray TcpStream::read(qint64 maxBytes) {
    if (m_atEnd || m_broken || maxBytes <= 0)
        return {};
    QByteArray bytes(maxBytes, Qt::Uninitialized);
    ssize_t received = 0;
    do {
        received = ::recv(m_descriptor, bytes.data(), size_t(maxBytes), 0);
    } while (received < 0 && errno == EINTR);
    if (received > 0) {
        bytes.truncate(received);
        return bytes;
    }
    if (received == 0)
        m_atEnd = true;
    else if (errno != EAGAIN && errno != EWOULDBLOCK)
        m_broken = true;
    // At the end the socket stays readable for good: its notifier would fire forever.
    m_readNotifier->setEnabled(!m_atEnd && !m_broken);
    return {};
}

void TcpStream::setReading(bool reading) {
    m_readNotifier->setEnabled(reading && !m_atEnd && !m_broken);
}

void TcpStream::write(const QByteArray &bytes) {
    if (m_broken || bytes.isEmpty())
        return;
    m_unsent += bytes;
    // Sent from the event loop, so that written() never fires inside a caller's write().
    m_writeNotifier->setEnabled(true);
}

void TcpStream::finishWriting() {
    m_finishing = true;
    if (m_unsent.isEmpty() && !m_broken)
        ::shutdown(m_descriptor, SHUT_WR);
}

void TcpStream::flush() {
    while (!m_unsent.isEmpty()) {
        const ssize_t sent =
            ::send(m_descriptor, m_unsent.constData(), size_t(m_unsent.size()), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return; // the client's window is full: the notifier says when it has room
        if (sent < 0) {
            breakDown();
            return;
        }
        m_unsent.remove(0, sent);
    }
    m_writeNotifier->setEnabled(false);
    if (m_finishing)
        ::shutdown(m_descriptor, SHUT_WR);
    Q_EMIT written();
}

void TcpStream::breakDown() {
    m_broken = true;
    m_unsent.clear();
    m_readNotifier->setEnabled(false);
    m_writeNotifier->setEnabled(false);
    Q_EMIT broken();
}

} // namespace digitpad
